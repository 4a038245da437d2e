# dossier: a terminal reader for event timelines.
# make / make run / make test / make install / make asan / make fuzz /
# make bench / make clean. See README.md.

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
CPPFLAGS += -Iinclude -D_XOPEN_SOURCE=700 -D_DEFAULT_SOURCE \
	    -DDOSSIER_VERSION='"$(VERSION)"' -DDOSSIER_DATADIR='"$(DATADIR)"'
CFLAGS	+= -std=c11 $(OPT) $(WARN) $(PKG_CFLAGS) -MMD -MP
LDLIBS	+= $(PKG_LIBS) -lm

SRC	:= $(filter-out src/main.c,$(wildcard src/*.c))
OBJ	:= $(SRC:src/%.c=$(BUILD)/obj/%.o)
LIB	:= $(BUILD)/libdossier.a
BIN	:= $(BUILD)/dossier

UNIT_SRC := $(wildcard tests/unit/test-*.c)
UNIT_BIN := $(UNIT_SRC:tests/unit/%.c=$(BUILD)/tests/%)

.PHONY: all deps run test check-build install uninstall asan fuzz bench clean

all: $(BIN)

$(BUILD)/obj/%.o: src/%.c | $(BUILD)/obj
	$(CC) $(CPPFLAGS) $(CFLAGS) -c -o $@ $<

$(BUILD)/obj $(BUILD)/tests:
	@mkdir -p $@

$(LIB): $(OBJ)
	$(AR) rcs $@ $^

$(BIN): $(BUILD)/obj/main.o $(LIB)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(LDLIBS)

$(BUILD)/tests/unit.o: tests/unit/unit.c | $(BUILD)/tests
	$(CC) $(CPPFLAGS) $(CFLAGS) -c -o $@ $<

$(BUILD)/tests/test-%: tests/unit/test-%.c $(BUILD)/tests/unit.o $(LIB) | $(BUILD)/tests
	$(CC) $(CPPFLAGS) -Itests/unit $(CFLAGS) $(LDFLAGS) -o $@ $< \
	    $(BUILD)/tests/unit.o $(LIB) $(LDLIBS)

# Installs what the build and the tests need, through the system's package
# manager, only where something is missing.
deps:
	@sh .ci/deps

run: deps
	@$(MAKE) --no-print-directory all
	./$(BIN)

test: deps
	@$(MAKE) --no-print-directory all units
	@sh tests/run.sh

units: $(UNIT_BIN)

install: $(BIN)
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(DATADIR)/themes \
	    $(DESTDIR)$(DATADIR)/content $(DESTDIR)$(MANDIR)/man1
	install -m 755 $(BIN) $(DESTDIR)$(BINDIR)/dossier
	install -m 644 dossier.1 $(DESTDIR)$(MANDIR)/man1/dossier.1 2>/dev/null || \
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
