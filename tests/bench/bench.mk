# make bench: the scale benchmark (tests/bench/run.sh), a measurement and
# not a test: it prints a table of results against the targets and fails
# only if something cannot be measured. Included by the Makefile.
#
#   make bench                          10k, 100k and 1M events (~15 min)
#   make bench BENCH_SIZES="10000 100000"
#   make bench BENCH_KEEP=1             keep the corpora and stores
#
# Results: build/bench/results.txt.

BENCH_SIZES	?= 10000 100000 1000000
BENCH_KEEP	?=
BENCH_TOOLS	:= gen yamlparse timeit ptyrun searchbench
BENCH_TOOLS	+= overviewbench
BENCH_BIN	:= $(BENCH_TOOLS:%=$(BUILD)/bench/%)

$(BUILD)/bench:
	@mkdir -p $@

# The store's own interface, from the library.
$(BUILD)/bench/searchbench: tests/bench/searchbench.c $(LIB) | $(BUILD)/bench
	$(CC) $(CPPFLAGS) $(CFLAGS) $(LDFLAGS) -o $@ $< $(LIB) $(LDLIBS)

$(BUILD)/bench/overviewbench: tests/bench/overviewbench.c $(LIB) | $(BUILD)/bench
	$(CC) $(CPPFLAGS) $(CFLAGS) $(LDFLAGS) -o $@ $< $(LIB) $(LDLIBS)

$(BUILD)/bench/ptyrun: tests/bench/ptyrun.c | $(BUILD)/bench
	$(CC) $(CPPFLAGS) $(CFLAGS) $(LDFLAGS) -o $@ $< -lutil

$(BUILD)/bench/%: tests/bench/%.c | $(BUILD)/bench
	$(CC) $(CPPFLAGS) $(CFLAGS) $(LDFLAGS) -o $@ $< $(LDLIBS)

bench:
	@sh .ci/deps test
	@$(MAKE) --no-print-directory all $(BENCH_BIN)
	@BUILD="$(BUILD)" BENCH_SIZES="$(BENCH_SIZES)" \
	    BENCH_KEEP="$(BENCH_KEEP)" sh tests/bench/run.sh

-include $(BENCH_BIN:=.d)
