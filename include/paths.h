/*
 * paths.h: where the bundled content and themes are: beside the binary in a
 * checkout (build/dossier finds ../content), else where make install put
 * them.
 */
#ifndef DOSSIER_PATHS_H
#define DOSSIER_PATHS_H

/*
 * The default content directory: $DOSSIER_CONTENT, else the checkout's
 * content/ when this binary was built in a checkout, else the installed
 * content. Returns a newly allocated path; caller frees.
 */
char	*paths_content(void);

/* The bundled themes directory, as above. Caller frees. */
char	*paths_themes(void);

#endif
