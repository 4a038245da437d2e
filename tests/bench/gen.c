/*
 * gen.c: writes a synthetic corpus in the content format for the scale
 * benchmark: N events over ten years, one file per month, ~3000 actors and
 * 500 sources. The same N and seed always give the same bytes.
 *
 *	gen N OUTDIR [SEED]
 *
 * Text is drawn from a fixed vocabulary with Zipf frequencies (a few hundred
 * words, common function words first), plus made-up place and person names
 * that make the rare terms; tests/bench/queries.txt holds searches that hit.
 * Everything is plain ASCII in double quotes or folded block scalars, so the
 * output is valid YAML without escaping.
 */
#include <sys/stat.h>
#include <sys/types.h>

#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define GEN_YEAR0	2015
#define GEN_YEARS	10
#define GEN_MONTHS	(GEN_YEARS * 12)
#define GEN_PERSONS	2400
#define GEN_STATES	200
#define GEN_ORGS	400
#define GEN_ACTORS	(GEN_PERSONS + GEN_STATES + GEN_ORGS)
#define GEN_SOURCES	500
#define GEN_PLACES	1500

/* Names the benchmark's queries use (tests/bench/queries.txt). */
#define GEN_STATE0	"Valdoria"	/* the commonest state */
#define GEN_PERSON0	"Varga"		/* person 0's surname */
#define GEN_PERSON0_RANK 40		/* and popularity */

/* Words in falling frequency: the Zipf rank is the index. */
static const char *gen_words[] = {
	/* Function words: the most frequent, as in any prose. */
	"the", "of", "and", "to", "in", "a", "on", "for", "with", "that",
	"by", "as", "at", "from", "is", "was", "said", "it", "its", "his",
	"her", "their", "after", "over", "but", "not", "be", "has", "have",
	"had", "were", "are", "this", "which", "who", "will", "would", "also",
	"into", "about", "than", "more", "against", "under", "new", "two",
	"before", "between", "while", "during",
	/* News vocabulary, commonest first. */
	"government", "minister", "president", "officials", "talks",
	"country", "military", "forces", "security", "foreign", "meeting",
	"statement", "agreement", "people", "week", "state", "border", "war", "attack", "sanctions", "leaders", "army", "deal",
	"support", "region", "capital", "report", "ministry", "spokesman",
	"defence", "police", "election", "parliament", "troops", "oil",
	"missile", "ceasefire", "nuclear", "economy", "trade", "embassy",
	"council", "summit", "envoy", "delegation", "negotiations", "treaty",
	"protest", "court", "ruling", "strike", "drone", "navy", "gas",
	"pipeline", "bank", "currency", "inflation", "journalist", "arrest",
	"warned", "announced", "denied", "confirmed", "rejected", "accused",
	"signed", "visited", "met", "called", "urged", "demanded", "agreed",
	"refused", "proposed", "launched", "captured", "killed", "wounded",
	"released", "detained", "expelled", "condemned", "welcomed",
	"promised", "threatened", "blamed", "praised", "criticised",
	"cabinet", "opposition", "coalition", "vote", "referendum", "reform",
	"budget", "tax", "prices", "exports", "imports", "grain", "wheat",
	"fuel", "electricity", "power", "plant", "reactor", "uranium",
	"enrichment", "inspectors", "agency", "watchdog", "program",
	"weapons", "arms", "shipment", "convoy", "aid", "refugees", "camp",
	"hospital", "civilians", "casualties", "shelling", "airstrike",
	"offensive", "retreat", "front", "line", "village", "city", "port",
	"airport", "bridge", "road", "railway", "harbour", "coast", "island",
	"mountains", "river", "valley", "province", "district", "north",
	"south", "east", "west", "central", "northern", "southern", "eastern",
	"western", "allies", "partners", "rivals", "neighbours", "alliance",
	"bloc", "union", "commission", "committee", "panel", "inquiry",
	"investigation", "prosecutor", "judge", "verdict", "sentence",
	"appeal", "charges", "trial", "lawyers", "rights", "freedom", "press",
	"media", "television", "radio", "newspaper", "interview", "speech",
	"address", "broadcast", "website", "hackers", "cyber", "intelligence",
	"spy", "agents", "service", "operation", "raid", "blockade", "siege",
	"corridor", "evacuation", "exchange", "prisoners", "hostages",
	"mediation", "mediator", "proposal", "plan", "framework", "roadmap",
	"deadline", "ultimatum", "warning", "threat", "crisis", "tensions",
	"escalation", "incident", "clash", "skirmish", "violation", "breach",
	"accusation", "denial", "rumour", "leak", "document", "letter",
	"memo", "phone", "call", "visit", "tour", "trip", "mission", "post",
	"office", "headquarters", "palace", "residence", "compound", "base",
	"fleet", "submarine", "frigate", "tanker", "cargo", "vessel",
	"flight", "jet", "helicopter", "satellite", "radar", "rocket",
	"launcher", "battery", "artillery", "tank", "infantry", "brigade",
	"division", "commander", "general", "admiral", "colonel", "officer",
	"soldier", "volunteer", "militia", "rebels", "insurgents", "fighters",
	"group", "movement", "party", "faction", "leader", "chairman",
	"secretary", "adviser", "aide", "deputy", "governor", "mayor",
	"ambassador", "consul", "diplomat", "diplomacy", "dialogue",
	"compromise", "concession", "guarantee", "pledge", "commitment",
	"investment", "loan", "debt", "default", "bailout", "fund", "market",
	"shares", "stocks", "bonds", "investors", "company", "firm",
	"contract", "tender", "license", "export", "embargo", "tariff",
	"quota", "supply", "demand", "shortage", "surplus", "harvest",
	"drought", "flood", "earthquake", "storm", "fire", "epidemic",
	"vaccine", "outbreak", "quarantine", "lockdown", "crossing",
	"checkpoint", "visa", "passport", "migrants", "asylum", "deportation",
	"census", "minority", "language", "church", "mosque", "temple",
	"monument", "museum", "university", "students", "teachers",
	"workers", "wages", "pensions", "unemployment", "growth",
	"recession", "recovery", "stimulus", "subsidy", "privatisation",
	"corruption", "bribery", "scandal", "resignation", "dismissal",
	"appointment", "nomination", "inauguration", "anniversary",
	"ceremony", "parade", "funeral", "memorial", "tribute", "condolences",
	"historic", "unprecedented", "controversial", "secret", "urgent",
	"fragile", "tentative", "final", "formal", "joint", "bilateral",
	"regional", "international", "domestic", "national", "federal",
	"provincial", "local", "senior", "former", "acting", "interim",
	"exiled", "jailed", "hardline", "moderate", "liberal", "conservative",
	"radical", "peaceful", "violent", "massive", "limited", "sweeping",
	"partial", "full", "immediate", "gradual", "permanent", "temporary",
};
#define GEN_NWORDS	(sizeof gen_words / sizeof gen_words[0])

static const char *gen_first[] = {
	"Anna", "Boris", "Carla", "Dmitri", "Elena", "Farid", "Gita", "Hassan",
	"Ines", "Jonas", "Katya", "Leila", "Marco", "Nadia", "Oleg", "Paula",
	"Quentin", "Rosa", "Samir", "Tamar", "Umar", "Vera", "Walid", "Xenia",
	"Yusuf", "Zofia", "Ahmad", "Bianca", "Cyrus", "Daria", "Emil",
	"Fatima", "Georg", "Hana", "Igor", "Jamila", "Karim", "Lena", "Milan",
	"Nour", "Omar", "Petra", "Rami", "Sofia", "Timur", "Ulla", "Viktor",
	"Yasmin", "Zoran", "Arman", "Beatriz", "Chen", "Dalia", "Erik",
	"Faisal", "Galina", "Hugo", "Irina", "Javad", "Kira", "Luca", "Maryam",
	"Nikolai", "Olga", "Pavel", "Reza", "Selim", "Tatiana", "Uri",
	"Vladimir", "Wen", "Yara", "Zeynep", "Adel", "Bruno", "Camille",
	"Darius", "Esther", "Fyodor", "Greta", "Hamid", "Ivana", "Jakub",
	"Kamal", "Lidia", "Mehdi", "Nina", "Orhan", "Pilar", "Rustam",
	"Sara", "Tomas", "Valentina", "Yuri", "Zara", "Alina", "Bogdan",
	"Cem", "Dina",
};
#define GEN_NFIRST	(sizeof gen_first / sizeof gen_first[0])

/* Syllables of made-up surnames, states and places. */
static const char *gen_syl[] = {
	"val", "dor", "kes", "trin", "mar", "ov", "ban", "ros", "tel", "ka",
	"lin", "sha", "vek", "mir", "zan", "gor", "bel", "dan", "ish", "ran",
	"tor", "vil", "nar", "sel", "kor", "ami", "bri", "cas", "den", "fal",
	"gan", "hol", "ir", "jas", "kal", "lor", "mes", "nov", "ost", "pra",
	"qua", "rel", "sta", "tam", "ur", "ves", "wen", "yar", "zel", "ado",
};
#define GEN_NSYL	(sizeof gen_syl / sizeof gen_syl[0])

static const char *gen_ends[] = {
	"ia", "an", "ova", "stan", "land", "or", "ey", "ka", "ev", "in",
};
#define GEN_NENDS	(sizeof gen_ends / sizeof gen_ends[0])

static const char *gen_tags[] = {
	"diplomacy", "military", "economy", "energy", "nuclear", "sanctions",
	"elections", "protests", "courts", "media", "humanitarian", "cyber",
	"intelligence", "trade", "health", "climate",
};
#define GEN_NTAGS	(sizeof gen_tags / sizeof gen_tags[0])

static const char *gen_publishers[] = {
	"Northern Courier", "The Daily Ledger", "Global Wire", "Evening Herald",
	"Capital Times", "Continental Review", "The Observer Desk",
	"Harbour Gazette", "Frontier Post", "Meridian News", "World Dispatch",
	"Atlas Report", "Bulletin International", "The Weekly Record",
	"Eastern Chronicle", "Western Sentinel", "Policy Quarterly",
	"Signal Radio", "Open Source Monitor", "The Morning Standard",
};
#define GEN_NPUBLISHERS	(sizeof gen_publishers / sizeof gen_publishers[0])

static const char *gen_org_kinds[] = {
	"Ministry of Defence", "Ministry of Foreign Affairs", "National Bank",
	"Energy Company", "Liberation Front", "Workers Union", "Supreme Court",
	"Election Commission", "Red Crescent Society", "Security Service",
	"Atomic Energy Agency", "Chamber of Commerce", "Press Agency",
	"Peoples Party", "Freedom Movement", "Armed Forces",
};
#define GEN_NORG_KINDS	(sizeof gen_org_kinds / sizeof gen_org_kinds[0])

static const char *gen_roles[] = {
	"President", "Prime Minister", "Foreign Minister", "Defence Minister",
	"Finance Minister", "Ambassador", "Spokesman", "General", "Governor",
	"Opposition Leader", "Chief Negotiator", "Envoy", "Party Chairman",
	"Central Bank Governor", "Intelligence Chief", "Journalist",
};
#define GEN_NROLES	(sizeof gen_roles / sizeof gen_roles[0])

/* xoshiro256**, seeded by splitmix64: fast, and the same everywhere. */
struct gen_rng {
	uint64_t	s[4];
};

static uint64_t
gen_splitmix(uint64_t *x)
{
	uint64_t	z;

	z = (*x += 0x9e3779b97f4a7c15ULL);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

static void
gen_seed(struct gen_rng *r, uint64_t seed)
{
	int	i;

	for (i = 0; i < 4; i++)
		r->s[i] = gen_splitmix(&seed);
}

static uint64_t
gen_rotl(uint64_t x, int k)
{
	return (x << k) | (x >> (64 - k));
}

static uint64_t
gen_next(struct gen_rng *r)
{
	uint64_t	*s = r->s, out, t;

	out = gen_rotl(s[1] * 5, 7) * 9;
	t = s[1] << 17;
	s[2] ^= s[0];
	s[3] ^= s[1];
	s[1] ^= s[2];
	s[0] ^= s[3];
	s[2] ^= t;
	s[3] = gen_rotl(s[3], 45);
	return out;
}

/* A number in [0, n); the bias is far below anything measured here. */
static uint32_t
gen_below(struct gen_rng *r, uint32_t n)
{
	return (uint32_t)(((gen_next(r) >> 32) * (uint64_t)n) >> 32);
}

/* A number in [lo, hi]. */
static int
gen_range(struct gen_rng *r, int lo, int hi)
{
	return lo + (int)gen_below(r, (uint32_t)(hi - lo + 1));
}

/* 1 with probability pct percent. */
static int
gen_chance(struct gen_rng *r, int pct)
{
	return (int)gen_below(r, 100) < pct;
}

/*
 * A Zipf distribution over n ranks (weight 1/(rank+1)), sampled in constant
 * time by Vose's alias method.
 */
struct gen_zipf {
	uint32_t	 n;
	double		*prob;
	uint32_t	*alias;
};

static void *
gen_alloc(size_t n)
{
	void	*p;

	if ((p = calloc(1, n == 0 ? 1 : n)) == NULL) {
		fprintf(stderr, "gen: out of memory\n");
		exit(1);
	}
	return p;
}

static void
gen_zipf_init(struct gen_zipf *z, uint32_t n)
{
	double		*w, sum = 0;
	uint32_t	*small, *large, ns = 0, nl = 0, i, a, b;
	double		 x;

	z->n = n;
	z->prob = gen_alloc(n * sizeof *z->prob);
	z->alias = gen_alloc(n * sizeof *z->alias);
	w = gen_alloc(n * sizeof *w);
	small = gen_alloc(n * sizeof *small);
	large = gen_alloc(n * sizeof *large);
	for (i = 0; i < n; i++) {
		x = (double)(i + 1);
		w[i] = 1.0 / x;
		sum += w[i];
	}
	for (i = 0; i < n; i++) {
		w[i] = w[i] * n / sum;
		if (w[i] < 1.0)
			small[ns++] = i;
		else
			large[nl++] = i;
	}
	while (ns > 0 && nl > 0) {
		a = small[--ns];
		b = large[--nl];
		z->prob[a] = w[a];
		z->alias[a] = b;
		w[b] = w[b] + w[a] - 1.0;
		if (w[b] < 1.0)
			small[ns++] = b;
		else
			large[nl++] = b;
	}
	while (nl > 0)
		z->prob[large[--nl]] = 1.0;
	while (ns > 0)
		z->prob[small[--ns]] = 1.0;
	free(w);
	free(small);
	free(large);
}

static uint32_t
gen_zipf(struct gen_rng *r, const struct gen_zipf *z)
{
	uint32_t	i = gen_below(r, z->n);
	double		u = (double)(gen_next(r) >> 11) * 0x1.0p-53;

	return u < z->prob[i] ? i : z->alias[i];
}

/* The output of one file, written in one go. */
struct gen_out {
	char	*data;
	size_t	 len;
	size_t	 cap;
};

static void
gen_grow(struct gen_out *o, size_t n)
{
	if (o->len + n + 1 <= o->cap)
		return;
	while (o->len + n + 1 > o->cap)
		o->cap = o->cap == 0 ? 1 << 20 : o->cap * 2;
	if ((o->data = realloc(o->data, o->cap)) == NULL) {
		fprintf(stderr, "gen: out of memory\n");
		exit(1);
	}
}

static void
gen_put(struct gen_out *o, const char *s, size_t n)
{
	gen_grow(o, n);
	memcpy(o->data + o->len, s, n);
	o->len += n;
}

static void
gen_puts(struct gen_out *o, const char *s)
{
	gen_put(o, s, strlen(s));
}

static void
gen_putc(struct gen_out *o, char c)
{
	gen_grow(o, 1);
	o->data[o->len++] = c;
}

static void gen_printf(struct gen_out *, const char *, ...)
    __attribute__((format(printf, 2, 3)));

static void
gen_printf(struct gen_out *o, const char *fmt, ...)
{
	va_list	ap;
	int	n;

	gen_grow(o, 256);
	va_start(ap, fmt);
	n = vsnprintf(o->data + o->len, o->cap - o->len, fmt, ap);
	va_end(ap);
	if ((size_t)n >= o->cap - o->len) {
		gen_grow(o, (size_t)n + 1);
		va_start(ap, fmt);
		vsnprintf(o->data + o->len, o->cap - o->len, fmt, ap);
		va_end(ap);
	}
	o->len += (size_t)n;
}

/* Makes dir and its parents. */
static void
gen_mkdirs(const char *dir)
{
	char	path[4096], *p;

	snprintf(path, sizeof path, "%s", dir);
	for (p = path + 1; *p != '\0'; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(path, 0755) == -1 && errno != EEXIST)
			goto fail;
		*p = '/';
	}
	if (mkdir(path, 0755) == -1 && errno != EEXIST)
		goto fail;
	return;
fail:
	fprintf(stderr, "gen: %s: %s\n", path, strerror(errno));
	exit(1);
}

static void
gen_write(const char *path, struct gen_out *o, uint64_t *total)
{
	FILE	*f;

	if ((f = fopen(path, "wb")) == NULL ||
	    fwrite(o->data, 1, o->len, f) != o->len || fclose(f) != 0) {
		fprintf(stderr, "gen: %s: %s\n", path, strerror(errno));
		exit(1);
	}
	*total += o->len;
	o->len = 0;
}

/* A capitalised made-up name of 2 to 3 syllables and an ending. */
static void
gen_name(struct gen_rng *r, char *dst, size_t n, int ending)
{
	int	i, k = gen_range(r, 1, 2);

	dst[0] = '\0';
	for (i = 0; i < k; i++)
		strncat(dst, gen_syl[gen_below(r, GEN_NSYL)],
		    n - strlen(dst) - 1);
	if (ending)
		strncat(dst, gen_ends[gen_below(r, GEN_NENDS)],
		    n - strlen(dst) - 1);
	else
		strncat(dst, gen_syl[gen_below(r, GEN_NSYL)],
		    n - strlen(dst) - 1);
	dst[0] = (char)(dst[0] - 'a' + 'A');
}

/* A set of names, kept unique by linear search (a few thousand at most). */
struct gen_names {
	char	(*v)[32];
	int	  n;
};

static int
gen_names_has(struct gen_names *s, const char *name)
{
	int	i;

	for (i = 0; i < s->n; i++) {
		if (strcmp(s->v[i], name) == 0)
			return 1;
	}
	return 0;
}

/* Adds n new unique made-up names to s. */
static void
gen_names_make(struct gen_rng *r, struct gen_names *s, int n, int ending)
{
	char	name[32];
	int	end = s->n + n;

	while (s->n < end) {
		gen_name(r, name, sizeof name, ending);
		if (!gen_names_has(s, name))
			memcpy(s->v[s->n++], name, sizeof name);
	}
}

/* Lower-cases s into dst, spaces and dots as hyphens: an id. */
static void
gen_slug(char *dst, size_t n, const char *s)
{
	size_t	i = 0;

	for (; *s != '\0' && i + 1 < n; s++) {
		if (*s >= 'A' && *s <= 'Z')
			dst[i++] = (char)(*s - 'A' + 'a');
		else if ((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9'))
			dst[i++] = *s;
		else if (i > 0 && dst[i - 1] != '-')
			dst[i++] = '-';
	}
	while (i > 0 && dst[i - 1] == '-')
		i--;
	dst[i] = '\0';
}

struct gen_actor {
	char	id[64];
	char	name[96];	/* what text mentions */
};

/* Everything the events draw from. */
struct gen {
	struct gen_rng		 r;
	struct gen_zipf		 words;
	struct gen_zipf		 actors_pop;	/* rank -> actor via order */
	struct gen_zipf		 sources_pop;
	struct gen_zipf		 places_pop;
	struct gen_actor	*actors;
	uint32_t		*actor_order;	/* popularity rank -> actor */
	char			 (*sources)[64];
	struct gen_names	 places;
	struct gen_out		 scratch;	/* a title, a summary */
	uint64_t		 bytes;
	uint64_t		 nexcerpts;
};

/*
 * Appends a sentence of n words: capitalised, commas here and there, a
 * place or an actor's name now and then, and a full stop.
 */
static void
gen_sentence(struct gen *g, struct gen_out *o, int n, const char *actor)
{
	const char	*w;
	int		 i, at_place = -1, at_actor = -1;

	if (n > 6 && gen_chance(&g->r, 40))
		at_place = gen_range(&g->r, 2, n - 1);
	if (actor != NULL && n > 6 && gen_chance(&g->r, 50))
		at_actor = gen_range(&g->r, 0, n - 1);
	for (i = 0; i < n; i++) {
		if (i > 0)
			gen_putc(o, ' ');
		if (i == at_actor)
			w = actor;
		else if (i == at_place)
			w = g->places.v[gen_zipf(&g->r, &g->places_pop)];
		else
			w = gen_words[gen_zipf(&g->r, &g->words)];
		if (i == 0 && w[0] >= 'a' && w[0] <= 'z') {
			gen_putc(o, (char)(w[0] - 'a' + 'A'));
			gen_puts(o, w + 1);
		} else
			gen_puts(o, w);
		if (i + 1 < n && gen_chance(&g->r, 7))
			gen_putc(o, ',');
	}
	gen_putc(o, '.');
}

/* Appends text of n words in sentences of 6 to 16 words. */
static void
gen_text(struct gen *g, struct gen_out *o, int n, const char *actor)
{
	int	k;

	while (n > 0) {
		k = gen_range(&g->r, 6, 16);
		if (k > n || n - k < 4)
			k = n;
		gen_sentence(g, o, k, actor);
		n -= k;
		if (n > 0)
			gen_putc(o, ' ');
	}
}

/* Appends n words as the lines of a folded block scalar indented by ind. */
static void
gen_folded(struct gen *g, struct gen_out *o, int n, const char *actor,
    const char *ind)
{
	struct gen_out	*t = &g->scratch;
	size_t		 i, start = 0, brk = 0;

	t->len = 0;
	gen_text(g, t, n, actor);
	/* Break before the word that would pass column 72. */
	for (i = 0; i <= t->len; i++) {
		if (i < t->len && t->data[i] != ' ')
			continue;
		if (i - start > 72 && brk > start) {
			gen_puts(o, ind);
			gen_put(o, t->data + start, brk - start);
			gen_putc(o, '\n');
			start = brk + 1;
		}
		brk = i;
	}
	gen_puts(o, ind);
	gen_put(o, t->data + start, t->len - start);
}

static void
gen_actors(struct gen *g, const char *dir)
{
	struct gen_out	 o = { NULL, 0, 0 };
	struct gen_names surnames = { NULL, 0 }, states = { NULL, 0 };
	const char	*last;
	char		 path[4096], name[96], id[48], alias[96];
	uint32_t	*pairs, i, j, t, npairs, a, aff;
	int		 k;

	g->actors = gen_alloc(GEN_ACTORS * sizeof *g->actors);
	surnames.v = gen_alloc(400 * sizeof *surnames.v);
	states.v = gen_alloc((GEN_STATES + GEN_PLACES) * sizeof *states.v);
	gen_names_make(&g->r, &surnames, 400, 0);
	/*
	 * States and places share one set so that no place is a state. The
	 * benchmark's queries name a few: those are fixed, and spelt so that
	 * the syllables cannot make them.
	 */
	memcpy(states.v[states.n++], GEN_STATE0, sizeof GEN_STATE0);
	gen_names_make(&g->r, &states, GEN_STATES - 1, 1);
	g->places = states;

	gen_puts(&o, "# Synthetic actors for the dossier benchmark.\n"
	    "actors:\n");
	a = 0;
	for (i = 0; i < GEN_STATES; i++, a++) {
		gen_slug(id, sizeof id, states.v[i]);
		snprintf(g->actors[a].id, sizeof g->actors[a].id, "%s", id);
		snprintf(g->actors[a].name, sizeof g->actors[a].name, "%s",
		    states.v[i]);
		gen_printf(&o, "  - id: %s\n    name: \"Republic of %s\"\n"
		    "    kind: state\n    aliases: [\"%s\"]\n", id,
		    states.v[i], states.v[i]);
	}
	for (i = 0; i < GEN_ORGS; i++, a++) {
		j = gen_below(&g->r, GEN_STATES);
		snprintf(name, sizeof name, "%s %s", states.v[j],
		    gen_org_kinds[i % GEN_NORG_KINDS]);
		gen_slug(id, sizeof id, name);
		/* The same state and kind may come twice: number it. */
		snprintf(g->actors[a].id, sizeof g->actors[a].id, "%s-%u", id,
		    i);
		snprintf(g->actors[a].name, sizeof g->actors[a].name, "%s",
		    name);
		for (k = 0, t = 0; name[k] != '\0'; k++) {
			if (name[k] >= 'A' && name[k] <= 'Z' && t < 8)
				alias[t++] = name[k];
		}
		alias[t] = '\0';
		gen_printf(&o, "  - id: %s\n    name: \"%s\"\n"
		    "    kind: organization\n", g->actors[a].id, name);
		if (gen_chance(&g->r, 70))
			gen_printf(&o, "    affiliation: %s\n",
			    g->actors[j].id);
		if (t >= 2)
			gen_printf(&o, "    aliases: [\"%s\"]\n", alias);
	}
	/* Persons: distinct first and last name pairs. */
	npairs = GEN_NFIRST * (uint32_t)surnames.n;
	pairs = gen_alloc(npairs * sizeof *pairs);
	for (i = 0; i < npairs; i++)
		pairs[i] = i;
	for (i = 0; i < GEN_PERSONS; i++, a++) {
		j = i + gen_below(&g->r, npairs - i);
		t = pairs[j];
		pairs[j] = pairs[i];
		pairs[i] = t;
		snprintf(name, sizeof name, "%s %s",
		    gen_first[t % GEN_NFIRST], i == 0 ? GEN_PERSON0 :
		    surnames.v[t / GEN_NFIRST]);
		gen_slug(id, sizeof id, name);
		snprintf(g->actors[a].id, sizeof g->actors[a].id, "%s", id);
		snprintf(g->actors[a].name, sizeof g->actors[a].name, "%s",
		    name);
		aff = gen_below(&g->r, GEN_STATES + GEN_ORGS);
		gen_printf(&o, "  - id: %s\n    name: \"%s\"\n"
		    "    kind: person\n    role: \"%s of %s\"\n", id, name,
		    gen_roles[gen_below(&g->r, GEN_NROLES)],
		    states.v[gen_below(&g->r, GEN_STATES)]);
		if (gen_chance(&g->r, 80))
			gen_printf(&o, "    affiliation: %s\n",
			    g->actors[aff].id);
		last = i == 0 ? GEN_PERSON0 : surnames.v[t / GEN_NFIRST];
		switch (gen_below(&g->r, 3)) {
		case 1:
			gen_printf(&o, "    aliases: [\"%s\"]\n", last);
			break;
		case 2:
			gen_printf(&o, "    aliases: [\"%s\", \"%c. %s\"]\n",
			    last, gen_first[t % GEN_NFIRST][0], last);
			break;
		}
	}
	free(pairs);
	free(surnames.v);
	snprintf(path, sizeof path, "%s/actors.yaml", dir);
	gen_write(path, &o, &g->bytes);
	free(o.data);

	/* Popularity: a shuffled order, so each kind has stars. */
	g->actor_order = gen_alloc(GEN_ACTORS * sizeof *g->actor_order);
	for (i = 0; i < GEN_ACTORS; i++)
		g->actor_order[i] = i;
	for (i = GEN_ACTORS - 1; i > 0; i--) {
		j = gen_below(&g->r, i + 1);
		t = g->actor_order[i];
		g->actor_order[i] = g->actor_order[j];
		g->actor_order[j] = t;
	}
	/* The fixed person has a fixed popularity. */
	for (i = 0; g->actor_order[i] != GEN_STATES + GEN_ORGS; i++)
		;
	g->actor_order[i] = g->actor_order[GEN_PERSON0_RANK];
	g->actor_order[GEN_PERSON0_RANK] = GEN_STATES + GEN_ORGS;
	gen_zipf_init(&g->actors_pop, GEN_ACTORS);
	/* The places, for text, three of them fixed: rare, rarer, rarest. */
	gen_names_make(&g->r, &g->places, GEN_PLACES, 0);
	memcpy(g->places.v[GEN_STATES + 30], "Kestrova", sizeof "Kestrova");
	memcpy(g->places.v[GEN_STATES + 300], "Ambrosk", sizeof "Ambrosk");
	memcpy(g->places.v[GEN_STATES + 1200], "Dunmarrow",
	    sizeof "Dunmarrow");
	gen_zipf_init(&g->places_pop, (uint32_t)g->places.n);
}

static void
gen_sources(struct gen *g, const char *dir)
{
	struct gen_out	 o = { NULL, 0, 0 };
	char		 path[4096];
	int		 i;

	g->sources = gen_alloc(GEN_SOURCES * sizeof *g->sources);
	gen_puts(&o, "# Synthetic sources for the dossier benchmark.\n"
	    "sources:\n");
	for (i = 0; i < GEN_SOURCES; i++) {
		snprintf(g->sources[i], sizeof g->sources[i], "src-%04d-%s", i,
		    gen_words[50 + gen_below(&g->r, GEN_NWORDS - 50)]);
		gen_printf(&o, "  - id: %s\n    title: \"", g->sources[i]);
		gen_sentence(g, &o, gen_range(&g->r, 4, 9), NULL);
		o.len--;	/* no full stop in a headline */
		gen_printf(&o, "\"\n    publisher: \"%s\"\n"
		    "    url: https://news.example.org/%04d/%s\n"
		    "    published: %04d-%02d-%02d\n",
		    gen_publishers[gen_below(&g->r, GEN_NPUBLISHERS)], i,
		    g->sources[i], GEN_YEAR0 + gen_range(&g->r, 0,
		    GEN_YEARS - 1), gen_range(&g->r, 1, 12),
		    gen_range(&g->r, 1, 28));
	}
	gen_zipf_init(&g->sources_pop, GEN_SOURCES);
	snprintf(path, sizeof path, "%s/sources.yaml", dir);
	gen_write(path, &o, &g->bytes);
	free(o.data);
}

static int
gen_mdays(int y, int m)
{
	static const int	days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30,
				    31, 30, 31 };

	if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 29;
	return days[m - 1];
}

static int
gen_cmp_int(const void *a, const void *b)
{
	return *(const int *)a - *(const int *)b;
}

/* Writes one event; seq numbers ids across the corpus. */
static void
gen_event(struct gen *g, struct gen_out *o, uint64_t seq, int y, int m,
    int d)
{
	struct gen_out	*t = &g->scratch;
	const char	*lead = NULL;
	char		 slug[64];
	uint32_t	 act[4], tag[3];
	int		 i, j, na, nt, nx, dup;

	/* Actors first: the title and text may name the first one. */
	na = gen_range(&g->r, 0, 4);
	for (i = 0; i < na; i++) {
		do {
			act[i] = g->actor_order[gen_zipf(&g->r,
			    &g->actors_pop)];
			for (dup = 0, j = 0; j < i; j++)
				dup |= act[j] == act[i];
		} while (dup);
	}
	if (na > 0)
		lead = g->actors[act[0]].name;

	/* The title first: the id is made from it. */
	t->len = 0;
	gen_sentence(g, t, gen_range(&g->r, 5, 12), lead);
	t->data[--t->len] = '\0';	/* no full stop in a headline */
	gen_slug(slug, 40, t->data);
	gen_printf(o, "  - id: %s-%llu\n    date: %04d-%02d-%02d\n", slug,
	    (unsigned long long)seq, y, m, d);
	if (gen_chance(&g->r, 40))
		gen_printf(o, "    time: \"%02d:%02d\"\n", gen_range(&g->r, 0, 23),
		    gen_range(&g->r, 0, 59));
	if (gen_chance(&g->r, 10))
		gen_puts(o, "    approximate: true\n");
	gen_printf(o, "    title: \"%s\"\n", t->data);
	gen_puts(o, "    summary: >-\n");
	gen_folded(g, o, gen_range(&g->r, 30, 80), lead, "      ");
	gen_putc(o, '\n');
	if (na > 0) {
		gen_puts(o, "    actors: [");
		for (i = 0; i < na; i++)
			gen_printf(o, "%s%s", i > 0 ? ", " : "",
			    g->actors[act[i]].id);
		gen_puts(o, "]\n");
	}
	nt = gen_range(&g->r, 0, 3);
	for (i = 0; i < nt; i++) {
		do {
			tag[i] = gen_below(&g->r, GEN_NTAGS);
			for (dup = 0, j = 0; j < i; j++)
				dup |= tag[j] == tag[i];
		} while (dup);
	}
	if (nt > 0) {
		gen_puts(o, "    tags: [");
		for (i = 0; i < nt; i++)
			gen_printf(o, "%s%s", i > 0 ? ", " : "",
			    gen_tags[tag[i]]);
		gen_puts(o, "]\n");
	}
	nx = gen_range(&g->r, 1, 3);
	gen_puts(o, "    excerpts:\n");
	for (i = 0; i < nx; i++) {
		gen_printf(o, "      - source: %s\n        quote: \"",
		    g->sources[gen_zipf(&g->r, &g->sources_pop)]);
		gen_text(g, o, gen_range(&g->r, 15, 50), lead);
		gen_puts(o, "\"\n");
		if (gen_chance(&g->r, 10)) {
			gen_puts(o, "        note: \"");
			gen_text(g, o, gen_range(&g->r, 5, 15), NULL);
			gen_puts(o, "\"\n");
		}
	}
	g->nexcerpts += (uint64_t)nx;
}

static void
gen_events(struct gen *g, const char *dir, uint64_t n)
{
	struct gen_out	 o = { NULL, 0, 0 };
	char		 path[4096];
	uint64_t	 seq = 0, from, to, k;
	int		*days = NULL, cap = 0, month, y, m, nd;

	for (month = 0; month < GEN_MONTHS; month++) {
		y = GEN_YEAR0 + month / 12;
		m = month % 12 + 1;
		/* An even share of the events, spread over the month. */
		from = n * (uint64_t)month / GEN_MONTHS;
		to = n * (uint64_t)(month + 1) / GEN_MONTHS;
		if ((int)(to - from) > cap) {
			cap = (int)(to - from);
			free(days);
			days = gen_alloc((size_t)cap * sizeof *days);
		}
		nd = gen_mdays(y, m);
		for (k = 0; k < to - from; k++)
			days[k] = gen_range(&g->r, 1, nd);
		qsort(days, (size_t)(to - from), sizeof *days, gen_cmp_int);
		gen_printf(&o, "# Synthetic events of %04d-%02d.\nevents:\n",
		    y, m);
		for (k = 0; k < to - from; k++)
			gen_event(g, &o, ++seq, y, m, days[k]);
		if (to == from)
			gen_grow(&o, 0);
		snprintf(path, sizeof path, "%s/events/%04d", dir, y);
		gen_mkdirs(path);
		snprintf(path, sizeof path, "%s/events/%04d/%02d.yaml", dir, y,
		    m);
		gen_write(path, &o, &g->bytes);
	}
	free(days);
	free(o.data);
}

int
main(int argc, char **argv)
{
	struct gen	 g;
	char		*end;
	unsigned long long n, seed = 1;

	if (argc < 3 || argc > 4) {
		fprintf(stderr, "usage: gen N OUTDIR [SEED]\n");
		return 2;
	}
	n = strtoull(argv[1], &end, 10);
	if (*end != '\0' || end == argv[1]) {
		fprintf(stderr, "gen: '%s' is not a number\n", argv[1]);
		return 2;
	}
	if (argc == 4) {
		seed = strtoull(argv[3], &end, 10);
		if (*end != '\0' || end == argv[3]) {
			fprintf(stderr, "gen: '%s' is not a seed\n", argv[3]);
			return 2;
		}
	}
	memset(&g, 0, sizeof g);
	gen_seed(&g.r, seed);
	gen_zipf_init(&g.words, GEN_NWORDS);
	gen_mkdirs(argv[2]);
	gen_actors(&g, argv[2]);
	gen_sources(&g, argv[2]);
	gen_events(&g, argv[2], n);
	printf("gen: %llu events, %d actors, %d sources, %llu excerpts, "
	    "%llu files, %.1f MB in %s\n", n, GEN_ACTORS, GEN_SOURCES,
	    (unsigned long long)g.nexcerpts, (unsigned long long)GEN_MONTHS + 2,
	    (double)g.bytes / 1e6, argv[2]);
	return 0;
}
