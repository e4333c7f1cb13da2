/* lk-sim-test-files.h
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* Fixtures for simulator tests: a small ComfyUI install, API-format graphs, and readers that
 * check what the simulator wrote (PNG text chunks, a decodable video). */

void        lk_sim_test_make_install        (const char  *base);
void        lk_sim_test_remove_tree         (const char  *path);
char       *lk_sim_test_txt2img             (const char  *client_id,
                                             gint64       seed,
                                             int          steps,
                                             const char  *lora,
                                             const char  *prefix);
char       *lk_sim_test_txt2img_numbered    (const char  *client_id,
                                             gint64       seed,
                                             double       number);
char       *lk_sim_test_txt2img_extra_output (const char *client_id,
                                             gint64       seed);
char       *lk_sim_test_video_body          (const char  *client_id,
                                             gint64       seed,
                                             int          frames,
                                             const char  *format);
void        lk_sim_test_assert_topological  (const char  *body,
                                             GPtrArray   *order);
GHashTable *lk_sim_test_png_text_chunks     (const char  *path);
gboolean    lk_sim_test_images_equal        (const char  *dir,
                                             const char  *a,
                                             const char  *b);
gboolean    lk_sim_test_array_contains      (JsonArray   *array,
                                             const char  *value);
gboolean    lk_sim_test_decode_video        (const char  *path,
                                             int         *frames,
                                             int         *width,
                                             int         *height,
                                             GError     **error);

G_END_DECLS
