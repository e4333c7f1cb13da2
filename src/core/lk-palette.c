/* lk-palette.c
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#undef G_LOG_DOMAIN
#define G_LOG_DOMAIN "lk-palette"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "lk-palette.h"

/* More samples than this add time, not accuracy: the image is strided down to it. */
#define MAX_SAMPLES 16384
#define KMEANS_ROUNDS 8

struct _LkPalette
{
  gatomicrefcount  ref;
  guint            n_colors;
  LkPaletteColor   colors[];
};

G_DEFINE_BOXED_TYPE (LkPalette, lk_palette, lk_palette_ref, lk_palette_unref)

static LkPalette *
palette_alloc (guint n_colors)
{
  LkPalette *self = g_malloc0 (sizeof (LkPalette) + n_colors * sizeof (LkPaletteColor));

  g_atomic_ref_count_init (&self->ref);
  self->n_colors = n_colors;
  return self;
}

LkPalette *
lk_palette_ref (LkPalette *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref);
  return self;
}

void
lk_palette_unref (LkPalette *self)
{
  g_return_if_fail (self != NULL);

  if (g_atomic_ref_count_dec (&self->ref))
    g_free (self);
}

guint
lk_palette_get_n_colors (const LkPalette *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->n_colors;
}

const LkPaletteColor *
lk_palette_get_color (const LkPalette *self,
                      guint            index)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (index < self->n_colors, NULL);

  return &self->colors[index];
}

/* Colour space --------------------------------------------------------------------------- */

static const float *
linear_table (void)
{
  static float table[256];
  static gsize initialized = 0;

  if (g_once_init_enter (&initialized))
    {
      for (int i = 0; i < 256; i++)
        {
          double c = i / 255.0;

          table[i] = c <= 0.04045 ? c / 12.92 : pow ((c + 0.055) / 1.055, 2.4);
        }
      g_once_init_leave (&initialized, 1);
    }
  return table;
}

static inline double
lab_f (double t)
{
  return t > 216.0 / 24389.0 ? cbrt (t) : (24389.0 / 27.0 * t + 16.0) / 116.0;
}

void
lk_palette_rgb_to_lab (guint8 r,
                       guint8 g,
                       guint8 b,
                       float  lab[3])
{
  const float *lin = linear_table ();
  double rl = lin[r], gl = lin[g], bl = lin[b];
  double x = (0.4124564 * rl + 0.3575761 * gl + 0.1804375 * bl) / 0.95047;
  double y = 0.2126729 * rl + 0.7151522 * gl + 0.0721750 * bl;
  double z = (0.0193339 * rl + 0.1191920 * gl + 0.9503041 * bl) / 1.08883;
  double fx = lab_f (x), fy = lab_f (y), fz = lab_f (z);

  lab[0] = 116.0 * fy - 16.0;
  lab[1] = 500.0 * (fx - fy);
  lab[2] = 200.0 * (fy - fz);
}

static inline float
lab_distance2 (const float *p,
               const float *q)
{
  float dl = p[0] - q[0], da = p[1] - q[1], db = p[2] - q[2];

  return dl * dl + da * da + db * db;
}

/* Median cut, then k-means ---------------------------------------------------------------- */

typedef struct
{
  guint start;
  guint end;   /* exclusive */
} Box;

static int
compare_axis (gconstpointer a,
              gconstpointer b,
              gpointer      user_data)
{
  float pa = ((const float *)a)[GPOINTER_TO_INT (user_data)];
  float pb = ((const float *)b)[GPOINTER_TO_INT (user_data)];

  return (pa > pb) - (pa < pb);
}

static float
box_spread (const float *samples,
            const Box   *box,
            int         *axis)
{
  float lo[3] = { G_MAXFLOAT, G_MAXFLOAT, G_MAXFLOAT };
  float hi[3] = { -G_MAXFLOAT, -G_MAXFLOAT, -G_MAXFLOAT };
  float best = -1;

  for (guint i = box->start; i < box->end; i++)
    for (int c = 0; c < 3; c++)
      {
        lo[c] = MIN (lo[c], samples[i * 3 + c]);
        hi[c] = MAX (hi[c], samples[i * 3 + c]);
      }
  for (int c = 0; c < 3; c++)
    if (hi[c] - lo[c] > best)
      {
        best = hi[c] - lo[c];
        *axis = c;
      }
  return best;
}

/* Splits the box with the largest spread × size at its median until there are @k boxes
 * (or nothing left to split), and returns the mean of each box. */
static guint
median_cut (float *samples,
            guint  n_samples,
            guint  k,
            float *centers)
{
  g_autofree Box *boxes = g_new0 (Box, k);
  guint n_boxes = 1;

  boxes[0].start = 0;
  boxes[0].end = n_samples;

  while (n_boxes < k)
    {
      double best_score = 0;
      int best = -1, best_axis = 0;
      guint mid;

      for (guint i = 0; i < n_boxes; i++)
        {
          int axis = 0;
          float spread;

          if (boxes[i].end - boxes[i].start < 2)
            continue;
          spread = box_spread (samples, &boxes[i], &axis);
          if (spread > 0 && spread * sqrt (boxes[i].end - boxes[i].start) > best_score)
            {
              best_score = spread * sqrt (boxes[i].end - boxes[i].start);
              best = i;
              best_axis = axis;
            }
        }
      if (best < 0)
        break;

      g_qsort_with_data (samples + boxes[best].start * 3, boxes[best].end - boxes[best].start,
                         3 * sizeof (float), compare_axis, GINT_TO_POINTER (best_axis));
      mid = boxes[best].start + (boxes[best].end - boxes[best].start) / 2;
      boxes[n_boxes].start = mid;
      boxes[n_boxes].end = boxes[best].end;
      boxes[best].end = mid;
      n_boxes++;
    }

  for (guint i = 0; i < n_boxes; i++)
    {
      double sum[3] = { 0, 0, 0 };
      guint n = boxes[i].end - boxes[i].start;

      for (guint j = boxes[i].start; j < boxes[i].end; j++)
        for (int c = 0; c < 3; c++)
          sum[c] += samples[j * 3 + c];
      for (int c = 0; c < 3; c++)
        centers[i * 3 + c] = sum[c] / n;
    }
  return n_boxes;
}

static void
kmeans (const float *samples,
        guint        n_samples,
        float       *centers,
        guint        k,
        guint       *counts)
{
  g_autofree double *sums = g_new (double, k * 3);

  for (int round = 0; round <= KMEANS_ROUNDS; round++)
    {
      memset (sums, 0, k * 3 * sizeof (double));
      memset (counts, 0, k * sizeof (guint));

      for (guint i = 0; i < n_samples; i++)
        {
          const float *p = samples + i * 3;
          float best = G_MAXFLOAT;
          guint nearest = 0;

          for (guint c = 0; c < k; c++)
            {
              float d = lab_distance2 (p, centers + c * 3);

              if (d < best)
                {
                  best = d;
                  nearest = c;
                }
            }
          counts[nearest]++;
          for (int c = 0; c < 3; c++)
            sums[nearest * 3 + c] += p[c];
        }

      /* The last round only counts, so the weights match the final centres. */
      if (round == KMEANS_ROUNDS)
        break;
      for (guint c = 0; c < k; c++)
        if (counts[c] > 0)
          for (int j = 0; j < 3; j++)
            centers[c * 3 + j] = sums[c * 3 + j] / counts[c];
    }
}

static int
compare_weight (gconstpointer a,
                gconstpointer b)
{
  float wa = ((const LkPaletteColor *)a)->weight;
  float wb = ((const LkPaletteColor *)b)->weight;

  return (wa < wb) - (wa > wb);
}

LkPalette *
lk_palette_new_from_pixbuf (GdkPixbuf *pixbuf,
                            guint      n_colors)
{
  int width, height, stride, channels;
  gboolean alpha;
  const guint8 *pixels;
  g_autofree float *samples = NULL;
  g_autofree float *centers = NULL;
  g_autofree guint *counts = NULL;
  guint n_samples = 0, n_centers, n_kept = 0, step;
  LkPalette *self;

  g_return_val_if_fail (GDK_IS_PIXBUF (pixbuf), NULL);
  g_return_val_if_fail (n_colors > 0, NULL);
  g_return_val_if_fail (gdk_pixbuf_get_colorspace (pixbuf) == GDK_COLORSPACE_RGB, NULL);
  g_return_val_if_fail (gdk_pixbuf_get_bits_per_sample (pixbuf) == 8, NULL);

  width = gdk_pixbuf_get_width (pixbuf);
  height = gdk_pixbuf_get_height (pixbuf);
  stride = gdk_pixbuf_get_rowstride (pixbuf);
  channels = gdk_pixbuf_get_n_channels (pixbuf);
  alpha = gdk_pixbuf_get_has_alpha (pixbuf);
  pixels = gdk_pixbuf_read_pixels (pixbuf);

  step = MAX (1, (guint)ceil (sqrt ((double)width * height / MAX_SAMPLES)));
  samples = g_new (float, ((width + step - 1) / step) * ((height + step - 1) / step) * 3);
  for (int y = 0; y < height; y += step)
    for (int x = 0; x < width; x += step)
      {
        const guint8 *p = pixels + (gsize)y * stride + (gsize)x * channels;

        if (alpha && p[3] < 128)
          continue;
        lk_palette_rgb_to_lab (p[0], p[1], p[2], samples + n_samples * 3);
        n_samples++;
      }

  if (n_samples == 0)
    return palette_alloc (0);

  centers = g_new (float, n_colors * 3);
  counts = g_new0 (guint, n_colors);
  n_centers = median_cut (samples, n_samples, n_colors, centers);
  kmeans (samples, n_samples, centers, n_centers, counts);

  for (guint c = 0; c < n_centers; c++)
    n_kept += counts[c] > 0;
  self = palette_alloc (n_kept);
  n_kept = 0;
  for (guint c = 0; c < n_centers; c++)
    if (counts[c] > 0)
      {
        LkPaletteColor *color = &self->colors[n_kept++];

        color->l = centers[c * 3];
        color->a = centers[c * 3 + 1];
        color->b = centers[c * 3 + 2];
        color->weight = (float)counts[c] / n_samples;
      }
  qsort (self->colors, self->n_colors, sizeof (LkPaletteColor), compare_weight);
  return self;
}

/* Distance and storage ------------------------------------------------------------------- */

static double
directed_distance (const LkPalette *from,
                   const LkPalette *to)
{
  double total = 0, weights = 0;

  for (guint i = 0; i < from->n_colors; i++)
    {
      const float *p = &from->colors[i].l;
      float best = G_MAXFLOAT;

      for (guint j = 0; j < to->n_colors; j++)
        best = MIN (best, lab_distance2 (p, &to->colors[j].l));
      total += from->colors[i].weight * sqrt (best);
      weights += from->colors[i].weight;
    }
  return weights > 0 ? total / weights : 0;
}

double
lk_palette_distance (const LkPalette *a,
                     const LkPalette *b)
{
  g_return_val_if_fail (a != NULL, INFINITY);
  g_return_val_if_fail (b != NULL, INFINITY);

  if (a->n_colors == 0 || b->n_colors == 0)
    return a->n_colors == b->n_colors ? 0 : INFINITY;

  return (directed_distance (a, b) + directed_distance (b, a)) / 2;
}

char *
lk_palette_to_string (const LkPalette *self)
{
  GString *text = g_string_new (NULL);

  g_return_val_if_fail (self != NULL, NULL);

  for (guint i = 0; i < self->n_colors; i++)
    {
      char buf[4][G_ASCII_DTOSTR_BUF_SIZE];
      const LkPaletteColor *c = &self->colors[i];

      g_string_append_printf (text, "%s%s %s %s %s", i > 0 ? ";" : "",
                              g_ascii_formatd (buf[0], sizeof buf[0], "%.2f", c->l),
                              g_ascii_formatd (buf[1], sizeof buf[1], "%.2f", c->a),
                              g_ascii_formatd (buf[2], sizeof buf[2], "%.2f", c->b),
                              g_ascii_formatd (buf[3], sizeof buf[3], "%.4f", c->weight));
    }
  return g_string_free (text, FALSE);
}

LkPalette *
lk_palette_new_from_string (const char  *text,
                            GError     **error)
{
  g_auto(GStrv) colors = NULL;
  g_autoptr(LkPalette) self = NULL;
  guint n;

  g_return_val_if_fail (text != NULL, NULL);

  colors = *text ? g_strsplit (text, ";", -1) : g_new0 (char *, 1);
  n = g_strv_length (colors);
  self = palette_alloc (n);
  for (guint i = 0; i < n; i++)
    {
      float *fields = &self->colors[i].l;
      const char *p = colors[i];

      for (int f = 0; f < 4; f++)
        {
          char *end = NULL;

          fields[f] = g_ascii_strtod (p, &end);
          if (end == p || !isfinite (fields[f]))
            {
              g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("Stored palette colour %u is not “L a b weight”: “%s”. Recompute the "
                             "character’s consistency signature."), i + 1, colors[i]);
              return NULL;
            }
          p = end;
        }
    }
  return g_steal_pointer (&self);
}
