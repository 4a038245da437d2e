/*
 * yamlparse.c: the first baseline of the benchmark. Parses every *.yaml
 * file under a directory with libyaml, as the loader reads them (the whole
 * file into memory, then the event parser over the string), and does
 * nothing with the events: the cost of YAML alone.
 *
 *	yamlparse DIR
 *
 * Prints "files N events N bytes N seconds S" on stdout.
 */
#include <sys/time.h>

#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <yaml.h>

static unsigned long long	yp_files, yp_events, yp_bytes;

static double
yp_now(void)
{
	struct timeval	tv;

	gettimeofday(&tv, NULL);
	return (double)tv.tv_sec + (double)tv.tv_usec / 1e6;
}

/* Reads path whole, as content.c does. */
static char *
yp_read(const char *path, size_t *len)
{
	FILE	*f;
	char	*buf = NULL;
	size_t	 cap = 0, n = 0, got;

	if ((f = fopen(path, "rb")) == NULL)
		return NULL;
	for (;;) {
		if (n == cap) {
			cap = cap == 0 ? 65536 : cap * 2;
			if ((buf = realloc(buf, cap + 1)) == NULL) {
				fclose(f);
				return NULL;
			}
		}
		got = fread(buf + n, 1, cap - n, f);
		n += got;
		if (got == 0)
			break;
	}
	fclose(f);
	buf[n] = '\0';
	*len = n;
	return buf;
}

static int
yp_file(const char *path, const struct stat *sb, int type, struct FTW *ftw)
{
	yaml_parser_t	 p;
	yaml_event_t	 ev;
	const char	*base = path + ftw->base;
	char		*buf;
	size_t		 len, n = strlen(base);
	int		 done = 0;

	(void)sb;
	if (type != FTW_F || base[0] == '.' || n < 5 ||
	    strcmp(base + n - 5, ".yaml") != 0)
		return 0;
	if ((buf = yp_read(path, &len)) == NULL) {
		perror(path);
		return 1;
	}
	if (!yaml_parser_initialize(&p)) {
		fprintf(stderr, "yamlparse: cannot initialise libyaml\n");
		return 1;
	}
	yaml_parser_set_input_string(&p, (const unsigned char *)buf, len);
	yaml_parser_set_encoding(&p, YAML_UTF8_ENCODING);
	while (!done) {
		if (!yaml_parser_parse(&p, &ev)) {
			fprintf(stderr, "%s: %s\n", path, p.problem);
			yaml_parser_delete(&p);
			free(buf);
			return 1;
		}
		done = ev.type == YAML_STREAM_END_EVENT;
		yaml_event_delete(&ev);
		yp_events++;
	}
	yaml_parser_delete(&p);
	free(buf);
	yp_files++;
	yp_bytes += len;
	return 0;
}

int
main(int argc, char **argv)
{
	double	t0;

	if (argc != 2) {
		fprintf(stderr, "usage: yamlparse DIR\n");
		return 2;
	}
	t0 = yp_now();
	if (nftw(argv[1], yp_file, 32, FTW_PHYS) != 0)
		return 1;
	printf("files %llu events %llu bytes %llu seconds %.3f\n", yp_files,
	    yp_events, yp_bytes, yp_now() - t0);
	return 0;
}
