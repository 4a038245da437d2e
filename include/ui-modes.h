/*
 * ui-modes.h: every mode of the reader, one line each, as UI_MODE(name)
 * for a `const struct ui_mode ui_NAME_mode` defined in its own file. This
 * list is included twice by ui-core: once for the declarations, once for
 * the table the dispatcher looks through for the mode an action opens.
 * A new mode adds one line here (no include guard, on purpose).
 */
UI_MODE(main)
UI_MODE(prompt)
UI_MODE(actors)
UI_MODE(profile)
UI_MODE(help)
UI_MODE(overview)
UI_MODE(confirm)
UI_MODE(errors)
UI_MODE(source)
UI_MODE(note)
UI_MODE(views)
