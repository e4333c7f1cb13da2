/* lk-training-window.h
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "lk-catalog.h"
#include "lk-generator.h"

G_BEGIN_DECLS

#define LK_TYPE_TRAINING_WINDOW (lk_training_window_get_type ())

G_DECLARE_FINAL_TYPE (LkTrainingWindow, lk_training_window, LK, TRAINING_WINDOW, AdwWindow)

/*
 * LkTrainingWindow
 *
 * Trains one character's LoRA: its training images with editable captions (saved to the
 * catalog), repeats, epochs and network dim, the caption lint findings, the export folder and
 * the train_network.py command, all shown before anything runs. "Export" writes the kohya
 * folder; "Run Training" (when the sd-scripts folder is set in the preferences) also runs
 * the trainer with its progress and log, then registers the LoRA, copies it into the LoRA
 * folder and assigns it to the character. "Outfits" keeps the character's outfit triggers in
 * the catalog; "Validation Grid…" (once the character has a LoRA, and as the next step after a
 * run) opens the #LkValidationWindow.
 */

/**
 * lk_training_window_new:
 * @catalog: the catalog
 * @character: the character to train
 *
 * The sd-scripts folder, its Python and the LoRA folder come from the application's
 * settings (`sd-scripts-folder`, `sd-scripts-python`, `lora-folder`).
 *
 * Returns: (transfer full): a new window; present it with gtk_window_present()
 */
GtkWidget *lk_training_window_new           (LkCatalog        *catalog,
                                             LkCharacter      *character);

/**
 * lk_training_window_set_generator:
 * @self: a #LkTrainingWindow
 * @generator: (nullable): the generator its validation grid is made with
 *
 * Sets the `generator` property. Inside the application it follows the application's own
 * generator without being set; without one the "Validation Grid…" button stays off.
 */
void       lk_training_window_set_generator (LkTrainingWindow *self,
                                             LkGenerator      *generator);

G_END_DECLS
