/*
 * test-clipboard.c: unit tests for clipboard.c (OSC 52's base64, what
 * reaches the terminal) and browser.c ($BROWSER with and without "%s",
 * a list, a missing program, URLs that are refused).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "browser.h"
#include "clipboard.h"
#include "unit.h"
#include "util.h"

UNIT_TEST(osc52_base64)
{
	static const char *const v[][2] = {
		{ "", "" }, { "f", "Zg==" }, { "fo", "Zm8=" }, { "foo", "Zm9v" },
		{ "foob", "Zm9vYg==" }, { "fooba", "Zm9vYmE=" },
		{ "foobar", "Zm9vYmFy" },
		{ "\xe2\x80\x94 \"q\"", "4oCUICJxIg==" },
	};
	char	*s, *want;
	size_t	 i;

	for (i = 0; i < sizeof v / sizeof v[0]; i++) {
		s = clipboard_osc52(v[i][0]);
		want = xasprintf("\033]52;c;%s\a", v[i][1]);
		CHECK_STR(s, want);
		free(want);
		free(s);
	}
}

UNIT_TEST(copy_to_terminal)
{
	char	 buf[256], *how;
	int	 fds[2];
	ssize_t	 n;

	unsetenv("DISPLAY");
	unsetenv("WAYLAND_DISPLAY");
	CHECK(pipe(fds) == 0);
	how = clipboard_copy("foobar", fds[1]);
	CHECK_STR(how, "OSC 52");
	free(how);
	close(fds[1]);
	n = read(fds[0], buf, sizeof buf - 1);
	close(fds[0]);
	buf[n > 0 ? n : 0] = '\0';
	CHECK_STR(buf, "\033]52;c;Zm9vYmFy\a");
	/* No terminal, no display: nothing took it. */
	CHECK(clipboard_copy("x", -1) == NULL);
}

/* Waits (up to a minute: a condition, not a time) for path to hold text. */
static char *
wait_file(const char *path)
{
	struct timespec	 ts = { 0, 20 * 1000 * 1000 };
	char		 buf[512];
	FILE		*f;
	size_t		 n;
	int		 i;

	for (i = 0; i < 3000; i++) {
		if ((f = fopen(path, "r")) != NULL) {
			n = fread(buf, 1, sizeof buf - 1, f);
			fclose(f);
			buf[n] = '\0';
			if (n > 0 && buf[n - 1] == '\n')
				return xstrdup(buf);
		}
		nanosleep(&ts, NULL);
	}
	return NULL;
}

UNIT_TEST(browser)
{
	const char	*how = NULL;
	char		*stub, *out, *env, *err, *got;
	FILE		*f;

	stub = xasprintf("%s/browser-stub", unit_tmpdir());
	out = xasprintf("%s/browser-out", unit_tmpdir());
	f = fopen(stub, "w");
	fprintf(f, "#!/bin/sh\nprintf '%%s|' \"$@\" >'%s.tmp'\n"
	    "echo >>'%s.tmp'\nmv '%s.tmp' '%s'\n", out, out, out, out);
	fclose(f);
	chmod(stub, 0755);

	/* The URL as the last argument, shell characters and all. */
	setenv("BROWSER", stub, 1);
	CHECK_INT(browser_open("https://x.example/a?b=1&c=$(id);'", &how,
	    &err), 0);
	CHECK_STR(how, "browser-stub");
	got = wait_file(out);
	CHECK_STR(got, "https://x.example/a?b=1&c=$(id);'|\n");
	free(got);
	unlink(out);

	/* A list: the first that starts; "%s" where the URL goes. */
	env = xasprintf("/no/such/browser:%s --new %%s --last", stub);
	setenv("BROWSER", env, 1);
	CHECK_INT(browser_open("http://y.example/", &how, &err), 0);
	got = wait_file(out);
	CHECK_STR(got, "--new|http://y.example/|--last|\n");
	free(got);
	free(env);

	setenv("BROWSER", "/no/such/browser", 1);
	CHECK_INT(browser_open("https://x.example/", &how, &err), -1);
	CHECK(err != NULL && strstr(err, "$BROWSER") != NULL);
	free(err);

	CHECK_INT(browser_open("javascript:alert(1)", &how, &err), -1);
	free(err);
	CHECK_INT(browser_open("-https://x.example/", &how, &err), -1);
	free(err);
	unsetenv("BROWSER");
	free(stub);
	free(out);
}

int
main(void)
{
	static const struct unit_test tests[] = {
		UNIT_ENTRY(osc52_base64),
		UNIT_ENTRY(copy_to_terminal),
		UNIT_ENTRY(browser),
	};

	return unit_main(tests, sizeof tests / sizeof tests[0]);
}
