/* lk-number-list.h
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/**
 * lk_number_list_parse_seeds:
 * @text: seeds separated by commas ("1, 2, 3")
 * @seeds: (element-type guint64): the array the seeds are appended to
 * @error: return location for a #GError
 *
 * Reads a list of seeds as an artist types it, spaces allowed.
 *
 * Returns: %TRUE when @text held at least one seed and nothing else; otherwise %FALSE with
 *   %G_IO_ERROR_INVALID_ARGUMENT naming the item that is not a seed
 */
gboolean lk_number_list_parse_seeds     (const char  *text,
                                         GArray      *seeds,
                                         GError     **error);

/**
 * lk_number_list_parse_strengths:
 * @text: LoRA strengths separated by commas ("0.6, 0.8, 1.0"), each between -10 and 10
 * @strengths: (element-type gdouble): the array the strengths are appended to
 * @error: return location for a #GError
 *
 * Reads a list of LoRA strengths as an artist types it, spaces allowed; the decimal point is
 * a dot whatever the locale.
 *
 * Returns: %TRUE when @text held at least one strength and nothing else; otherwise %FALSE
 *   with %G_IO_ERROR_INVALID_ARGUMENT naming the item that is not a strength
 */
gboolean lk_number_list_parse_strengths (const char  *text,
                                         GArray      *strengths,
                                         GError     **error);

G_END_DECLS
