/* lk-bench.h
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* What the benchmarks share: sorting and reading latencies, and the model files a simulator
 * lists. Header only, so each benchmark stays one source file. */

#pragma once

#include <glib.h>
#include <glib/gstdio.h>

G_BEGIN_DECLS

/* Orders gint64 values (microseconds), for g_array_sort(). */
static inline int
lk_bench_compare_us (gconstpointer a,
                     gconstpointer b)
{
  gint64 x = *(const gint64 *) a;
  gint64 y = *(const gint64 *) b;

  return x < y ? -1 : x > y;
}

/* The @p quantile (0 to 1, nearest rank) of @sorted, gint64 microseconds sorted with
 * lk_bench_compare_us(), in milliseconds; 0 when it is empty. */
static inline double
lk_bench_percentile_ms (GArray *sorted,
                        double  p)
{
  guint index;

  if (sorted->len == 0)
    return 0;
  index = MIN ((guint) (p * (sorted->len - 1) + 0.5), sorted->len - 1);
  return g_array_index (sorted, gint64, index) / 1000.0;
}

/* Writes a stand-in model file at @base/models/@relative, for a simulator to list. */
static inline void
lk_bench_write_model (const char *base,
                      const char *relative)
{
  char *path = g_build_filename (base, "models", relative, NULL);
  char *dir = g_path_get_dirname (path);

  g_assert_cmpint (g_mkdir_with_parents (dir, 0755), ==, 0);
  g_assert_true (g_file_set_contents (path, "model", -1, NULL));
  g_free (dir);
  g_free (path);
}

G_END_DECLS
