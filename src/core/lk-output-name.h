/* lk-output-name.h
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * LK_OUTPUT_NAME_DEFAULT_PATTERN:
 *
 * The studio's naming convention: `anime_image_{timestamp}` for images and
 * `anime_video_{timestamp}` for videos, straight into ComfyUI's output folder.
 */
#define LK_OUTPUT_NAME_DEFAULT_PATTERN "anime_{kind}_{timestamp}"

char *lk_output_name_expand        (const char  *pattern,
                                    const char  *kind,
                                    const char  *project,
                                    const char  *character,
                                    GDateTime   *timestamp,
                                    GError     **error);
char *lk_output_name_sanitize_part (const char  *name);

G_END_DECLS
