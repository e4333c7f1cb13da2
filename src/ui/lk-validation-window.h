/* lk-validation-window.h
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "lk-character.h"
#include "lk-generator.h"

G_BEGIN_DECLS

#define LK_TYPE_VALIDATION_WINDOW (lk_validation_window_get_type ())

G_DECLARE_FINAL_TYPE (LkValidationWindow, lk_validation_window, LK, VALIDATION_WINDOW, AdwWindow)

/*
 * LkValidationWindow
 *
 * Checks a character's new LoRA: its validation grid (the character generated with the same
 * seeds at several LoRA strengths, by default seeds 1, 2, 3 at 0.6, 0.8 and 1.0) generated
 * frame by frame with progress, then the contact sheet shown large to be approved or
 * rejected. The review is stored in the catalog by the sheet's content hash, like the review
 * of any frame in the gallery, where the sheet also appears beside the grid's frames.
 */

/**
 * lk_validation_window_new:
 * @parent: (nullable): the window it is opened from; it stays on top of it
 * @generator: the generator the frames are generated with (the application's)
 * @character: the character whose LoRA is checked
 *
 * Nothing is generated until the artist presses Generate (the
 * `validation.generate` action).
 *
 * Returns: (transfer full): a new window; present it with gtk_window_present()
 */
GtkWidget *lk_validation_window_new (GtkWindow   *parent,
                                     LkGenerator *generator,
                                     LkCharacter *character);

G_END_DECLS
