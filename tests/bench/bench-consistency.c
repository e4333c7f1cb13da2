/* bench-consistency.c
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* How well the consistency score tells the studio's characters apart, and how fast it is.
 *
 * Each demo character is drawn as a simple figure with its own hair, skin, eye and outfit
 * colours and hair shape; every frame gets a random scene background (shared by all
 * characters, so the background is no clue), pose jitter (shift, scale, tilt, crop) and
 * noise, and is written as a real PNG. The first frames of each character are its
 * references; every other frame is scored against every character's references. A frame
 * scored against its own character should come out lower than against another: the ROC AUC
 * of own-character scores versus other-character scores says how often it does (1.0 =
 * always, 0.5 = chance), for the palette distance, the hash distance and the combined
 * score. Usage: bench-consistency [FRAMES-PER-CHARACTER] [REFERENCES-PER-CHARACTER] */

#include "config.h"

#include <cairo.h>
#include <glib/gstdio.h>
#include <math.h>

#include "lk-consistency.h"

#define SIZE 384

typedef struct
{
  const char *name;
  double      hair[3];
  double      skin[3];
  double      eyes[3];
  double      outfit[3];
  double      accent[3];
  double      hair_length;  /* 0 short … 1 long */
  double      spikes;       /* 0 smooth … 1 spiky */
  gboolean    helmet;
} Figure;

/* The demo studio's characters, as their documentation describes them. */
static const Figure figures[] = {
  { "Mei Kobayashi", { .10, .08, .10 }, { .98, .87, .78 }, { .35, .20, .10 },
    { .12, .16, .32 }, { .95, .95, .97 }, .55, 0, FALSE },
  { "Rina Suzuki", { .96, .62, .75 }, { .99, .89, .81 }, { .20, .55, .35 },
    { .96, .90, .55 }, { .90, .30, .35 }, .95, 0, FALSE },
  { "Yuki Tanaka", { .88, .90, .96 }, { .97, .90, .86 }, { .30, .55, .90 },
    { .45, .70, .92 }, { .98, .98, 1.0 }, .80, .1, FALSE },
  { "Takeshi Sato", { .35, .22, .12 }, { .90, .74, .60 }, { .15, .10, .05 },
    { .15, .45, .20 }, { .85, .75, .20 }, .15, .9, FALSE },
  { "Goblin Slayer", { .45, .45, .48 }, { .50, .50, .52 }, { .80, .10, .10 },
    { .35, .30, .25 }, { .55, .55, .58 }, .30, 0, TRUE },
};

static const double backgrounds[][3] = {
  { .85, .90, .95 }, { .20, .22, .30 }, { .75, .85, .70 }, { .95, .85, .75 },
  { .50, .55, .60 }, { .10, .10, .12 }, { .90, .90, .88 }, { .60, .45, .35 },
};

static double
jitter (GRand  *rand,
        double  amount)
{
  return g_rand_double_range (rand, -amount, amount);
}

static void
set_color (cairo_t      *cr,
           const double  rgb[3],
           GRand        *rand)
{
  /* Lighting varies a little from frame to frame. */
  double light = 1 + jitter (rand, 0.08);

  cairo_set_source_rgb (cr, CLAMP (rgb[0] * light, 0, 1), CLAMP (rgb[1] * light, 0, 1),
                        CLAMP (rgb[2] * light, 0, 1));
}

static void
draw_figure (cairo_t      *cr,
             const Figure *f,
             GRand        *rand)
{
  const double *bg = backgrounds[g_rand_int_range (rand, 0, G_N_ELEMENTS (backgrounds))];
  double scale = 1 + jitter (rand, 0.2);

  cairo_set_source_rgb (cr, bg[0], bg[1], bg[2]);
  cairo_paint (cr);
  /* A floor line and a prop, as scenes have. */
  cairo_set_source_rgb (cr, bg[0] * .7, bg[1] * .7, bg[2] * .7);
  cairo_rectangle (cr, 0, SIZE * (0.8 + jitter (rand, 0.1)), SIZE, SIZE);
  cairo_fill (cr);

  cairo_save (cr);
  cairo_translate (cr, SIZE / 2 + jitter (rand, SIZE * 0.15), SIZE / 2 + jitter (rand, SIZE * 0.1));
  cairo_rotate (cr, jitter (rand, 0.2));
  cairo_scale (cr, scale * SIZE / 400.0, scale * SIZE / 400.0);

  /* long hair behind the body */
  set_color (cr, f->hair, rand);
  cairo_rectangle (cr, -55, -120, 110, 60 + 160 * f->hair_length);
  cairo_fill (cr);

  /* body and arms */
  set_color (cr, f->outfit, rand);
  cairo_move_to (cr, -60, -40);
  cairo_line_to (cr, 60, -40);
  cairo_line_to (cr, 75 + jitter (rand, 10), 170);
  cairo_line_to (cr, -75 + jitter (rand, 10), 170);
  cairo_close_path (cr);
  cairo_fill (cr);
  cairo_set_line_width (cr, 22);
  cairo_move_to (cr, -55, -30);
  cairo_line_to (cr, -95 + jitter (rand, 25), 80 + jitter (rand, 40));
  cairo_move_to (cr, 55, -30);
  cairo_line_to (cr, 95 + jitter (rand, 25), 80 + jitter (rand, 40));
  cairo_stroke (cr);
  set_color (cr, f->accent, rand);
  cairo_rectangle (cr, -12, -40, 24, 90);
  cairo_fill (cr);

  /* head, eyes */
  set_color (cr, f->skin, rand);
  cairo_arc (cr, 0, -100, 50, 0, 2 * G_PI);
  cairo_fill (cr);
  set_color (cr, f->eyes, rand);
  cairo_arc (cr, -18, -100, 8, 0, 2 * G_PI);
  cairo_arc (cr, 18, -100, 8, 0, 2 * G_PI);
  cairo_fill (cr);

  /* hair on top, or a helmet */
  set_color (cr, f->helmet ? f->accent : f->hair, rand);
  if (f->helmet)
    {
      cairo_arc (cr, 0, -105, 56, G_PI, 2 * G_PI);
      cairo_rectangle (cr, -56, -110, 112, 20);
      cairo_fill (cr);
      cairo_move_to (cr, -50, -150);
      cairo_line_to (cr, -70, -190);
      cairo_line_to (cr, -35, -160);
      cairo_fill (cr);
    }
  else
    {
      cairo_arc (cr, 0, -110, 54, G_PI, 2 * G_PI);
      cairo_fill (cr);
      for (int i = 0; f->spikes > 0 && i < 6; i++)
        {
          double x = -50 + i * 20;

          cairo_move_to (cr, x - 10, -140);
          cairo_line_to (cr, x + jitter (rand, 6), -140 - 45 * f->spikes);
          cairo_line_to (cr, x + 10, -140);
          cairo_fill (cr);
        }
    }
  cairo_restore (cr);
}

/* cairo's premultiplied native-endian ARGB to GdkPixbuf's RGB, with sensor-like noise. */
static GdkPixbuf *
surface_to_pixbuf (cairo_surface_t *surface,
                   GRand           *rand)
{
  GdkPixbuf *pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, SIZE, SIZE);
  guint8 *dst = gdk_pixbuf_get_pixels (pixbuf);
  int dst_stride = gdk_pixbuf_get_rowstride (pixbuf);
  const guint8 *src;
  int src_stride;

  cairo_surface_flush (surface);
  src = cairo_image_surface_get_data (surface);
  src_stride = cairo_image_surface_get_stride (surface);
  for (int y = 0; y < SIZE; y++)
    for (int x = 0; x < SIZE; x++)
      {
        guint32 argb = *(const guint32 *)(src + y * src_stride + x * 4);
        int rgb[3] = { (argb >> 16) & 0xff, (argb >> 8) & 0xff, argb & 0xff };

        for (int c = 0; c < 3; c++)
          dst[y * dst_stride + x * 3 + c] = CLAMP (rgb[c] + g_rand_int_range (rand, -12, 13),
                                                   0, 255);
      }
  return pixbuf;
}

static char *
write_frame (const char   *dir,
             const Figure *figure,
             guint         index,
             GRand        *rand)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, SIZE, SIZE);
  cairo_t *cr = cairo_create (surface);
  g_autoptr(GdkPixbuf) pixbuf = NULL;
  g_autoptr(GdkPixbuf) cropped = NULL;
  g_autoptr(GError) error = NULL;
  char *path = g_strdup_printf ("%s/%c%c-%03u.png", dir, figure->name[0],
                                figure->name[strlen (figure->name) - 1], index);
  int crop;

  draw_figure (cr, figure, rand);
  cairo_destroy (cr);
  pixbuf = surface_to_pixbuf (surface, rand);
  cairo_surface_destroy (surface);

  /* Framing differs: crop up to 15% off one corner. */
  crop = g_rand_int_range (rand, 0, SIZE * 15 / 100);
  cropped = gdk_pixbuf_new_subpixbuf (pixbuf, g_rand_boolean (rand) ? crop : 0,
                                      g_rand_boolean (rand) ? crop : 0, SIZE - crop, SIZE - crop);
  gdk_pixbuf_save (cropped, path, "png", &error, NULL);
  g_assert_no_error (error);
  return path;
}

/* The Mann–Whitney estimate: the chance that a random other-character score is above a
 * random own-character score (ties count half). */
static double
roc_auc (GArray *own,
         GArray *other)
{
  double wins = 0;

  for (guint i = 0; i < own->len; i++)
    for (guint j = 0; j < other->len; j++)
      {
        double a = g_array_index (own, double, i), b = g_array_index (other, double, j);

        wins += b > a ? 1 : b == a ? 0.5 : 0;
      }
  return wins / ((double)own->len * other->len);
}

/* Scores frames @first_frame… of every character against the first @n_refs frames of each
 * character, and gives the ROC AUC of palette, hash and combined; prints the per-character
 * table when @table. */
static void
evaluate (GPtrArray *signatures,
          guint      n_frames,
          guint      first_frame,
          guint      n_refs,
          gboolean   table,
          double     auc[3])
{
  const guint n_figures = G_N_ELEMENTS (figures);
  GArray *own[3], *other[3];

  for (int m = 0; m < 3; m++)
    {
      own[m] = g_array_new (FALSE, FALSE, sizeof (double));
      other[m] = g_array_new (FALSE, FALSE, sizeof (double));
    }

  if (table)
    g_print ("%-14s %12s %12s %12s\n", "character", "own score", "others' min", "separated");
  for (guint f = 0; f < n_figures; f++)
    {
      double own_sum = 0, others_min = G_MAXDOUBLE;
      guint separated = 0, n_own = 0;

      for (guint i = first_frame; i < n_frames; i++)
        {
          const LkSignature *frame = g_ptr_array_index (signatures, f * n_frames + i);
          double own_score = 0, best_other = G_MAXDOUBLE;

          for (guint c = 0; c < n_figures; c++)
            {
              g_autoptr(GPtrArray) refs = g_ptr_array_new ();
              LkConsistencyScore score;
              double values[3];

              for (guint r = 0; r < n_refs; r++)
                g_ptr_array_add (refs, g_ptr_array_index (signatures, c * n_frames + r));
              g_assert_true (lk_consistency_score (frame, refs, &score));
              values[0] = score.palette_distance;
              values[1] = score.hash_distance;
              values[2] = score.score;
              for (int m = 0; m < 3; m++)
                g_array_append_val (c == f ? own[m] : other[m], values[m]);
              if (c == f)
                own_score = score.score;
              else
                best_other = MIN (best_other, score.score);
            }
          own_sum += own_score;
          others_min = MIN (others_min, best_other);
          separated += own_score < best_other;
          n_own++;
        }
      if (table)
        g_print ("%-14s %12.3f %12.3f %9u/%u\n", figures[f].name, own_sum / n_own, others_min,
                 separated, n_own);
    }

  for (int m = 0; m < 3; m++)
    {
      auc[m] = roc_auc (own[m], other[m]);
      g_array_unref (own[m]);
      g_array_unref (other[m]);
    }
}

int
main (int   argc,
      char *argv[])
{
  guint n_frames = argc > 1 ? g_ascii_strtoull (argv[1], NULL, 10) : 40;
  guint n_refs = argc > 2 ? g_ascii_strtoull (argv[2], NULL, 10) : 4;
  const guint n_figures = G_N_ELEMENTS (figures);
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261207);
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("lorakeet-bench-consistency-XXXXXX", &error);
  g_autoptr(GPtrArray) signatures = g_ptr_array_new_with_free_func ((GDestroyNotify)lk_signature_free);
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
  const guint ref_counts[] = { 1, 2, 4, 8 };
  double start, load_seconds, auc[3];

  g_assert_no_error (error);
  if (n_refs == 0)
    n_refs = 1;
  if (n_frames <= MAX (n_refs, 8))
    n_frames = MAX (n_refs, 8) + 1;

  for (guint f = 0; f < n_figures; f++)
    for (guint i = 0; i < n_frames; i++)
      g_ptr_array_add (paths, write_frame (dir, &figures[f], i, rand));

  start = g_get_monotonic_time () / (double)G_USEC_PER_SEC;
  for (guint i = 0; i < paths->len; i++)
    {
      g_autoptr(GFile) file = g_file_new_for_path (g_ptr_array_index (paths, i));
      LkSignature *signature = lk_signature_load (file, NULL, &error);

      g_assert_no_error (error);
      g_ptr_array_add (signatures, signature);
    }
  load_seconds = g_get_monotonic_time () / (double)G_USEC_PER_SEC - start;

  g_print ("%u characters, %u frames each, %dx%d PNG with noise, pose and crop jitter; "
           "score = palette/%.0f + hash/%.0f\n\n", n_figures, n_frames, SIZE, SIZE,
           LK_CONSISTENCY_PALETTE_SCALE, LK_CONSISTENCY_HASH_SCALE);
  g_print ("With %u references per character (frames %u+ scored):\n", n_refs, n_refs);
  evaluate (signatures, n_frames, n_refs, n_refs, TRUE, auc);

  g_print ("\nROC AUC, own-character versus other-character frames (1.0 = perfect, "
           "0.5 = chance), frames 8+ scored:\n");
  g_print ("%-12s %10s %10s %10s\n", "references", "palette", "hash", "combined");
  for (guint i = 0; i < G_N_ELEMENTS (ref_counts); i++)
    {
      evaluate (signatures, n_frames, 8, ref_counts[i], FALSE, auc);
      g_print ("%-12u %10.4f %10.4f %10.4f\n", ref_counts[i], auc[0], auc[1], auc[2]);
    }

  g_print ("\nsignatures: %u files in %.3f s, %.2f ms each (read, SHA-256, decode at %d px, "
           "palette, pHash)\n", paths->len, load_seconds, 1000 * load_seconds / paths->len,
           LK_CONSISTENCY_DECODE_SIZE);

  for (guint i = 0; i < paths->len; i++)
    g_unlink (g_ptr_array_index (paths, i));
  g_rmdir (dir);
  return 0;
}
