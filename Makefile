# dossier: a terminal reader for event timelines.
# make / make run / make test / make install / make asan / make tsan /
# make fuzz / make bench / make screenshots / make clean. See README.md.

PREFIX	?= /usr/local
BINDIR	?= $(PREFIX)/bin
DATADIR	?= $(PREFIX)/share/dossier
MANDIR	?= $(PREFIX)/share/man
DESTDIR	?=

VERSION	:= 0.1.0
CC	?= cc
PKG_CONFIG ?= pkg-config
PKGS	:= ncursesw yaml-0.1 sqlite3

BUILD	?= build
WARN	:= -Wall -Wextra -Wshadow -Wstrict-prototypes -Wmissing-prototypes \
	   -Wformat=2 -Wpointer-arith -Wcast-qual -Wwrite-strings \
	   -Wundef -Wvla
ifeq ($(CI),true)
WARN	+= -Werror
endif
OPT	?= -O2 -g
PKG_CFLAGS := $(filter-out -D%,$(shell $(PKG_CONFIG) --cflags $(PKGS) 2>/dev/null))
PKG_LIBS   := $(shell $(PKG_CONFIG) --libs $(PKGS) 2>/dev/null)
# The three libraries are linked in whole (STATIC=0: as shared objects),
# when the compiler finds an archive of each. A command is a short process:
# at a million events a search takes 7 to 9 ms, and the dynamic loader's
# part for these libraries (mapping them, relocating libsqlite3's hundreds
# of symbols, faulting in their pages) was 1.0 to 1.3 ms of it.
STATIC	?= 1
ifeq ($(STATIC),1)
PKG_ARCHIVES := $(foreach l,$(patsubst -l%,lib%.a,$(filter -l%,$(PKG_LIBS))),\
	$(shell $(CC) -print-file-name=$(l)))
ifeq ($(filter-out /%,$(PKG_ARCHIVES)),)
PKG_LIBS := -Wl,-Bstatic $(PKG_LIBS) -Wl,-Bdynamic
endif
endif
CPPFLAGS += -Iinclude -D_XOPEN_SOURCE=700 -D_DEFAULT_SOURCE \
	    -DDOSSIER_VERSION='"$(VERSION)"' -DDOSSIER_DATADIR='"$(DATADIR)"'
CFLAGS	+= -std=c11 $(OPT) $(WARN) $(PKG_CFLAGS) -pthread -MMD -MP
LDLIBS	+= $(PKG_LIBS) -lm -pthread

SRC	:= $(filter-out src/main.c,$(wildcard src/*.c))
OBJ	:= $(SRC:src/%.c=$(BUILD)/obj/%.o)
LIB	:= $(BUILD)/libdossier.a
BIN	:= $(BUILD)/dossier

UNIT_SRC := $(wildcard tests/unit/test-*.c)
UNIT_BIN := $(UNIT_SRC:tests/unit/%.c=$(BUILD)/tests/%)

.PHONY: FORCE all deps run test units install uninstall asan tsan valgrind fuzz fuzz-run bench clean

all: $(BIN)

$(BUILD)/obj/%.o: src/%.c | $(BUILD)/obj
	$(CC) $(CPPFLAGS) $(CFLAGS) -c -o $@ $<

$(BUILD)/obj $(BUILD)/tests:
	@mkdir -p $@

$(LIB): $(OBJ)
	$(AR) rcs $@ $^

# paths.o has DATADIR compiled in: rebuild it whenever DATADIR changes
# (make install PREFIX=/opt after a plain make must not keep /usr/local).
$(BUILD)/datadir: FORCE | $(BUILD)/obj
	@echo '$(DATADIR)' | cmp -s - $@ || echo '$(DATADIR)' >$@
$(BUILD)/obj/paths.o: $(BUILD)/datadir
# Likewise the programs relink when how they link changes (STATIC).
$(BUILD)/linkflags: FORCE | $(BUILD)/obj
	@echo '$(LDFLAGS) $(LDLIBS)' | cmp -s - $@ || \
	    echo '$(LDFLAGS) $(LDLIBS)' >$@
FORCE:

$(BIN): $(BUILD)/obj/main.o $(LIB) $(BUILD)/linkflags
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $(BUILD)/obj/main.o $(LIB) $(LDLIBS)

$(BUILD)/tests/unit.o: tests/unit/unit.c | $(BUILD)/tests
	$(CC) $(CPPFLAGS) $(CFLAGS) -c -o $@ $<

$(BUILD)/tests/test-%: tests/unit/test-%.c $(BUILD)/tests/unit.o $(LIB) \
    $(BUILD)/linkflags | $(BUILD)/tests
	$(CC) $(CPPFLAGS) -Itests/unit -Isrc $(CFLAGS) $(LDFLAGS) -o $@ $< \
	    $(BUILD)/tests/unit.o $(LIB) $(LDLIBS)

# Installs what the build and the tests need, through the system's package
# manager, only where something is missing.
deps:
	@sh .ci/deps build

run:
	@sh .ci/deps build
	@$(MAKE) --no-print-directory all
	./$(BIN)

test:
	@sh .ci/deps test
	@$(MAKE) --no-print-directory all units
	@sh tests/run.sh

units: $(UNIT_BIN)

# PNGs of the reader in a real xterm into docs/ (tools/screenshots.sh).
.PHONY: screenshots
screenshots:
	@sh .ci/deps test
	@$(MAKE) --no-print-directory all
	@sh tools/screenshots.sh

# The whole suite under AddressSanitizer and UndefinedBehaviorSanitizer.
# The sanitizer builds link the libraries as shared objects (STATIC=0):
# LeakSanitizer's suppressions of what ncurses keeps name its objects.
ASAN_FLAGS := -O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer \
	      -fno-sanitize-recover=all
asan:
	@sh .ci/deps test
	@$(MAKE) --no-print-directory BUILD=build/asan STATIC=0 \
	    OPT="$(ASAN_FLAGS)" \
	    LDFLAGS="-fsanitize=address,undefined" all units
	@BUILD=$(CURDIR)/build/asan DOSSIER=$(CURDIR)/build/asan/dossier \
	    ASAN_OPTIONS=abort_on_error=1:detect_leaks=1 \
	    LSAN_OPTIONS=suppressions=$(CURDIR)/tests/lsan.supp:print_suppressions=0 \
	    UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	    DOSSIER_TIME_SCALE=4 sh tests/run.sh

# The unit tests under ThreadSanitizer (clang): a full build gathers the
# bounds of search scores on a thread of its own (store-stat.c).
tsan:
	@sh .ci/deps dev
	@$(MAKE) --no-print-directory BUILD=build/tsan STATIC=0 CC=$(FUZZ_CC) \
	    OPT="-O1 -g -fsanitize=thread" LDFLAGS="-fsanitize=thread" units
	@BUILD=$(CURDIR)/build/tsan TSAN_OPTIONS=halt_on_error=1 TESTS=test- \
	    sh tests/run.sh

# The command line and a scripted reader session under valgrind memcheck.
valgrind: all
	@sh .ci/deps dev
	@sh tests/valgrind.sh

# libFuzzer targets (clang): the content, theme and config loaders and the
# query translation. fuzz-run runs each for FUZZ_SECONDS from its seeds.
FUZZ_CC      ?= clang
FUZZ_SECONDS ?= 60
FUZZ_TARGETS := content theme query config
FUZZ_BIN     := $(FUZZ_TARGETS:%=build/fuzz/fuzz-%)
fuzz:
	@sh .ci/deps dev
	@$(MAKE) --no-print-directory BUILD=build/fuzz STATIC=0 CC=$(FUZZ_CC) \
	    OPT="-O1 -g -fsanitize=fuzzer-no-link,address,undefined" \
	    build/fuzz/libdossier.a
	@$(MAKE) --no-print-directory STATIC=0 $(FUZZ_BIN)

build/fuzz/fuzz-%: tests/fuzz/fuzz-%.c build/fuzz/libdossier.a
	$(FUZZ_CC) $(CPPFLAGS) -std=c11 -O1 -g $(PKG_CFLAGS) \
	    -fsanitize=fuzzer,address,undefined -o $@ $< \
	    build/fuzz/libdossier.a $(LDLIBS)

fuzz-run: fuzz
	@for t in $(FUZZ_TARGETS); do \
	    mkdir -p build/fuzz/corpus-$$t && \
	    echo "fuzz: $$t for $(FUZZ_SECONDS) s" && \
	    ./build/fuzz/fuzz-$$t -max_total_time=$(FUZZ_SECONDS) \
	        -max_len=65536 -timeout=5 -rss_limit_mb=1024 \
	        -artifact_prefix=build/fuzz/ -print_final_stats=0 \
	        build/fuzz/corpus-$$t tests/fuzz/corpus/$$t \
	        >build/fuzz/$$t.log 2>&1 || \
	    { tail -40 build/fuzz/$$t.log; exit 1; }; \
	done; echo "fuzz: no crash"

# make bench: the benchmark (tests/bench/bench.mk).
-include tests/bench/bench.mk

install: $(BIN)
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(DATADIR)/themes \
	    $(DESTDIR)$(DATADIR)/content $(DESTDIR)$(MANDIR)/man1
	install -m 755 $(BIN) $(DESTDIR)$(BINDIR)/dossier
	install -m 644 src/dossier.1 $(DESTDIR)$(MANDIR)/man1/dossier.1
	install -m 644 themes/*.yaml $(DESTDIR)$(DATADIR)/themes/
	cd content && find . -name '*.yaml' -exec \
	    install -D -m 644 {} $(DESTDIR)$(DATADIR)/content/{} \;

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/dossier $(DESTDIR)$(MANDIR)/man1/dossier.1
	rm -rf $(DESTDIR)$(DATADIR)

clean:
	rm -rf $(BUILD)

-include $(OBJ:.o=.d) $(BUILD)/obj/main.d
