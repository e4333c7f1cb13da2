/* lk-phash.c
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#undef G_LOG_DOMAIN
#define G_LOG_DOMAIN "lk-phash"

#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "lk-phash.h"

#define SIZE 32
#define KEEP 8

static const double *
dct_table (void)
{
  static double table[KEEP * SIZE];
  static gsize initialized = 0;

  if (g_once_init_enter (&initialized))
    {
      for (int u = 0; u < KEEP; u++)
        for (int x = 0; x < SIZE; x++)
          table[u * SIZE + x] = cos ((2 * x + 1) * u * G_PI / (2.0 * SIZE));
      g_once_init_leave (&initialized, 1);
    }
  return table;
}

static int
compare_double (const void *a,
                const void *b)
{
  double da = *(const double *)a, db = *(const double *)b;

  return (da > db) - (da < db);
}

guint64
lk_phash_compute (GdkPixbuf *pixbuf)
{
  g_autoptr(GdkPixbuf) small = NULL;
  const double *cosines = dct_table ();
  double luma[SIZE * SIZE];
  double rows[KEEP * SIZE];
  double coefficients[KEEP * KEEP];
  double sorted[KEEP * KEEP - 1];
  const guint8 *pixels;
  int stride, channels;
  gboolean alpha;
  double median;
  guint64 hash = 0;

  g_return_val_if_fail (GDK_IS_PIXBUF (pixbuf), 0);

  small = gdk_pixbuf_scale_simple (pixbuf, SIZE, SIZE, GDK_INTERP_BILINEAR);
  pixels = gdk_pixbuf_read_pixels (small);
  stride = gdk_pixbuf_get_rowstride (small);
  channels = gdk_pixbuf_get_n_channels (small);
  alpha = gdk_pixbuf_get_has_alpha (small);

  for (int y = 0; y < SIZE; y++)
    for (int x = 0; x < SIZE; x++)
      {
        const guint8 *p = pixels + y * stride + x * channels;
        double v = 0.299 * p[0] + 0.587 * p[1] + 0.114 * p[2];

        if (alpha)
          v = (v * p[3] + 255.0 * (255 - p[3])) / 255.0;
        luma[y * SIZE + x] = v;
      }

  /* Separable DCT, only the low frequencies: first along x, then along y. */
  for (int y = 0; y < SIZE; y++)
    for (int u = 0; u < KEEP; u++)
      {
        double sum = 0;

        for (int x = 0; x < SIZE; x++)
          sum += luma[y * SIZE + x] * cosines[u * SIZE + x];
        rows[u * SIZE + y] = sum;
      }
  for (int v = 0; v < KEEP; v++)
    for (int u = 0; u < KEEP; u++)
      {
        double sum = 0;

        for (int y = 0; y < SIZE; y++)
          sum += rows[u * SIZE + y] * cosines[v * SIZE + y];
        coefficients[v * KEEP + u] = sum;
      }

  memcpy (sorted, coefficients + 1, sizeof sorted);
  qsort (sorted, G_N_ELEMENTS (sorted), sizeof (double), compare_double);
  median = sorted[G_N_ELEMENTS (sorted) / 2];

  for (int i = 1; i < KEEP * KEEP; i++)
    if (coefficients[i] > median)
      hash |= G_GUINT64_CONSTANT (1) << i;
  return hash;
}

guint
lk_phash_distance (guint64 a,
                   guint64 b)
{
  guint64 x = a ^ b;
  guint n = 0;

  /* Kernighan's count: one round per set bit. */
  while (x != 0)
    {
      x &= x - 1;
      n++;
    }
  return n;
}
