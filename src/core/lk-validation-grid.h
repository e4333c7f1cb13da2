/* lk-validation-grid.h
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "lk-generator.h"

G_BEGIN_DECLS

/**
 * LK_VALIDATION_GRID_NODE_ID:
 *
 * The node id a contact sheet is recorded under in generation_outputs, so it is told apart
 * from what ComfyUI produced.
 */
#define LK_VALIDATION_GRID_NODE_ID "lorakeet-validation-grid"

/**
 * LK_VALIDATION_GRID_CELL_SIZE:
 *
 * The longest side of one frame on the contact sheet, in pixels.
 */
#define LK_VALIDATION_GRID_CELL_SIZE 256

#define LK_TYPE_VALIDATION_GRID (lk_validation_grid_get_type ())

G_DECLARE_FINAL_TYPE (LkValidationGrid, lk_validation_grid, LK, VALIDATION_GRID, GObject)

/**
 * lk_validation_grid_new:
 * @generator: the generator to generate the frames with
 * @character_id: the character whose LoRA is checked
 *
 * A validation grid checks a new LoRA: the character generated with the same seeds at each
 * of several LoRA strengths (by default seeds 1, 2, 3 at 0.6, 0.8 and 1.0), composed into
 * one contact sheet with a row per strength and a column per seed. The sheet is recorded as
 * an output of the grid's first job, so it is reviewed like any other frame.
 *
 * Returns: (transfer full): a new #LkValidationGrid
 */
LkValidationGrid *lk_validation_grid_new            (LkGenerator        *generator,
                                                     gint64              character_id);

/**
 * lk_validation_grid_set_seeds:
 * @self: a #LkValidationGrid
 * @seeds: (array length=n_seeds): the seeds, one column each
 * @n_seeds: how many (at least 1)
 */
void              lk_validation_grid_set_seeds      (LkValidationGrid   *self,
                                                     const guint64      *seeds,
                                                     guint               n_seeds);

/**
 * lk_validation_grid_set_strengths:
 * @self: a #LkValidationGrid
 * @strengths: (array length=n_strengths): the LoRA strengths, one row each
 * @n_strengths: how many (at least 1)
 */
void              lk_validation_grid_set_strengths  (LkValidationGrid   *self,
                                                     const double       *strengths,
                                                     guint               n_strengths);

/**
 * lk_validation_grid_set_server_url:
 * @self: a #LkValidationGrid
 * @server_url: (nullable): send every frame to this server; %NULL lets the pool choose
 */
void              lk_validation_grid_set_server_url (LkValidationGrid   *self,
                                                     const char         *server_url);

/**
 * lk_validation_grid_set_prompt:
 * @self: a #LkValidationGrid
 * @prompt: (nullable): the artist's positive text for every frame
 */
void              lk_validation_grid_set_prompt     (LkValidationGrid   *self,
                                                     const char         *prompt);

/**
 * lk_validation_grid_get_jobs:
 * @self: a #LkValidationGrid
 *
 * Returns: (transfer none) (element-type LkGeneratorJob): the grid's jobs so far, row by row
 */
GPtrArray        *lk_validation_grid_get_jobs       (LkValidationGrid   *self);

/**
 * lk_validation_grid_get_sheet_path:
 * @self: a #LkValidationGrid
 *
 * Returns: (transfer none) (nullable): the contact sheet, once made (the `sheet-path`
 *   property)
 */
const char       *lk_validation_grid_get_sheet_path (LkValidationGrid   *self);

/**
 * lk_validation_grid_get_content_hash:
 * @self: a #LkValidationGrid
 *
 * Returns: (transfer none) (nullable): the sheet's SHA-256, the key of its review
 */
const char       *lk_validation_grid_get_content_hash (LkValidationGrid *self);

/**
 * lk_validation_grid_run_async:
 * @self: a #LkValidationGrid
 * @cancellable: (nullable): a #GCancellable; it stops further submissions and the sheet
 *   (jobs already sent run on: cancel them with lk_generator_cancel_async())
 * @callback: called once the sheet is written and recorded
 * @user_data: data for @callback
 *
 * Generates every cell with a fixed seed and strength through the generator, waits for
 * the jobs, composes the contact sheet (a cell whose job failed says why) next to the first
 * frame, and records it in the catalog. A grid runs once.
 *
 * Errors: %LK_GENERATOR_ERROR_CANNOT_GENERATE when the character has no LoRA of its own
 * (nothing is generated) or when no cell produced a frame to put on the sheet; the
 * generator's (%LK_COMFY_ERROR_NO_SERVER…) when a cell cannot be submitted; the catalog's.
 */
void              lk_validation_grid_run_async      (LkValidationGrid   *self,
                                                     GCancellable       *cancellable,
                                                     GAsyncReadyCallback callback,
                                                     gpointer            user_data);

/**
 * lk_validation_grid_run_finish:
 * @self: a #LkValidationGrid
 * @result: the result
 * @error: return location for a #GError
 *
 * Returns: %TRUE once the sheet is written and recorded
 */
gboolean          lk_validation_grid_run_finish     (LkValidationGrid   *self,
                                                     GAsyncResult       *result,
                                                     GError            **error);

G_END_DECLS
