/* lk-paths.h
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

char *lk_paths_dup_data_dir    (void);
char *lk_paths_dup_cache_dir   (void);
char *lk_paths_dup_runtime_dir (void);
char *lk_paths_dup_sql_dir     (void);
gboolean lk_paths_is_inside    (const char *base_dir,
                                const char *candidate);

G_END_DECLS
