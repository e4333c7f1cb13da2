/* test-consistency.c
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The consistency signature of a frame: its palette, its perceptual hash, and the score that
 * ranks frames of the wrong character first. Images are drawn here with cairo and written as
 * real PNG files where a file is needed. */

#include "config.h"

#include <cairo.h>
#include <glib/gstdio.h>
#include <math.h>

#include "lk-consistency.h"
#include "lk-file-hash.h"
#include "lk-image-thumbnail.h"
#include "lk-thumbnail.h"

/* A figure: hair and outfit colours, shifted by (@dx, @dy), on a grey background. */
static GdkPixbuf *
draw_figure (int          size,
             const double hair[3],
             const double outfit[3],
             double       dx,
             double       dy)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, size, size);
  cairo_t *cr = cairo_create (surface);
  GdkPixbuf *pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, size, size);
  guint8 *dst = gdk_pixbuf_get_pixels (pixbuf);
  const guint8 *src;

  cairo_scale (cr, size / 100.0, size / 100.0);
  cairo_translate (cr, dx, dy);
  cairo_set_source_rgb (cr, .6, .6, .6);
  cairo_paint (cr);
  cairo_set_source_rgb (cr, outfit[0], outfit[1], outfit[2]);
  cairo_rectangle (cr, 30, 45, 40, 55);
  cairo_fill (cr);
  /* a raised arm and a prop, so the picture is not symmetric (a symmetric one has its odd
   * horizontal frequencies at zero, which no hash can rely on) */
  cairo_set_line_width (cr, 8);
  cairo_move_to (cr, 66, 50);
  cairo_line_to (cr, 85, 20);
  cairo_stroke (cr);
  cairo_set_source_rgb (cr, .3, .2, .1);
  cairo_rectangle (cr, 5, 70, 18, 30);
  cairo_fill (cr);
  cairo_set_source_rgb (cr, .98, .87, .78);
  cairo_arc (cr, 50, 32, 14, 0, 2 * G_PI);
  cairo_fill (cr);
  cairo_set_source_rgb (cr, hair[0], hair[1], hair[2]);
  cairo_arc (cr, 50, 28, 16, G_PI, 2 * G_PI);
  cairo_rectangle (cr, 34, 26, 8, 30);
  cairo_rectangle (cr, 58, 26, 8, 30);
  cairo_fill (cr);
  cairo_destroy (cr);

  cairo_surface_flush (surface);
  src = cairo_image_surface_get_data (surface);
  for (int y = 0; y < size; y++)
    for (int x = 0; x < size; x++)
      {
        guint32 argb = *(const guint32 *)(src + y * cairo_image_surface_get_stride (surface) + x * 4);
        guint8 *p = dst + y * gdk_pixbuf_get_rowstride (pixbuf) + x * 3;

        p[0] = (argb >> 16) & 0xff;
        p[1] = (argb >> 8) & 0xff;
        p[2] = argb & 0xff;
      }
  cairo_surface_destroy (surface);
  return pixbuf;
}

/* Noise of ±@amount on every channel, as re-encoding or a sensor adds. */
static void
add_noise (GdkPixbuf *pixbuf,
           int        amount,
           guint32    seed)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  guint8 *pixels = gdk_pixbuf_get_pixels (pixbuf);

  for (int y = 0; y < gdk_pixbuf_get_height (pixbuf); y++)
    for (int x = 0; x < gdk_pixbuf_get_width (pixbuf) * gdk_pixbuf_get_n_channels (pixbuf); x++)
      {
        guint8 *p = pixels + y * gdk_pixbuf_get_rowstride (pixbuf) + x;

        *p = CLAMP (*p + g_rand_int_range (rand, -amount, amount + 1), 0, 255);
      }
}

static const double red[3] = { .85, .15, .15 };
static const double navy[3] = { .10, .12, .35 };
static const double blonde[3] = { .95, .85, .40 };
static const double green[3] = { .20, .60, .25 };

static void
test_palette_of_known_image (void)
{
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, TRUE, 8, 40, 40);
  g_autoptr(GdkPixbuf) left = NULL;
  g_autoptr(GdkPixbuf) corner = NULL;
  g_autoptr(LkPalette) palette = NULL;
  const LkPaletteColor *first, *second;
  float red_lab[3], blue_lab[3];

  /* 3/4 red, 1/4 blue… */
  gdk_pixbuf_fill (pixbuf, 0xff0000ff);
  left = gdk_pixbuf_new_subpixbuf (pixbuf, 0, 0, 20, 20);
  gdk_pixbuf_fill (left, 0x0000ffff);
  /* …and a transparent corner that must not count */
  corner = gdk_pixbuf_new_subpixbuf (pixbuf, 30, 30, 10, 10);
  gdk_pixbuf_fill (corner, 0x00ff0000);

  palette = lk_palette_new_from_pixbuf (pixbuf, 4);
  g_assert_cmpuint (lk_palette_get_n_colors (palette), ==, 2);
  first = lk_palette_get_color (palette, 0);
  second = lk_palette_get_color (palette, 1);
  lk_palette_rgb_to_lab (255, 0, 0, red_lab);
  lk_palette_rgb_to_lab (0, 0, 255, blue_lab);
  g_assert_cmpfloat_with_epsilon (first->l, red_lab[0], 0.5);
  g_assert_cmpfloat_with_epsilon (first->a, red_lab[1], 0.5);
  g_assert_cmpfloat_with_epsilon (first->b, red_lab[2], 0.5);
  g_assert_cmpfloat_with_epsilon (second->b, blue_lab[2], 0.5);
  /* red 1100 px, blue 400 px of the 1500 opaque ones */
  g_assert_cmpfloat_with_epsilon (first->weight, 1100.0 / 1500, 0.02);
  g_assert_cmpfloat_with_epsilon (second->weight, 400.0 / 1500, 0.02);

  /* the published values for pure red: L 53.24, a 80.09, b 67.20 */
  g_assert_cmpfloat_with_epsilon (red_lab[0], 53.24, 0.05);
  g_assert_cmpfloat_with_epsilon (red_lab[1], 80.09, 0.05);
  g_assert_cmpfloat_with_epsilon (red_lab[2], 67.20, 0.05);

  g_assert_cmpfloat (lk_palette_distance (palette, palette), ==, 0);
}

static void
test_palette_string_round_trip (void)
{
  g_autoptr(GdkPixbuf) pixbuf = draw_figure (100, red, navy, 0, 0);
  g_autoptr(LkPalette) palette = lk_palette_new_from_pixbuf (pixbuf, 8);
  g_autofree char *text = lk_palette_to_string (palette);
  g_autoptr(LkPalette) back = NULL;
  g_autoptr(LkPalette) empty = NULL;
  g_autoptr(LkPalette) broken = NULL;
  g_autoptr(GError) error = NULL;

  back = lk_palette_new_from_string (text, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (lk_palette_get_n_colors (back), ==, lk_palette_get_n_colors (palette));
  g_assert_cmpfloat (lk_palette_distance (palette, back), <, 0.05);

  empty = lk_palette_new_from_string ("", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (lk_palette_get_n_colors (empty), ==, 0);
  g_assert_true (isinf (lk_palette_distance (palette, empty)));

  broken = lk_palette_new_from_string ("50 10 10 0.5;red", &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_assert_null (broken);
}

static void
test_phash_stable_under_resize_and_noise (void)
{
  g_autoptr(GdkPixbuf) original = draw_figure (256, red, navy, 0, 0);
  g_autoptr(GdkPixbuf) small = gdk_pixbuf_scale_simple (original, 97, 97, GDK_INTERP_HYPER);
  g_autoptr(GdkPixbuf) noisy = gdk_pixbuf_copy (original);
  g_autoptr(GdkPixbuf) other = draw_figure (256, red, navy, 25, 20);
  guint64 hash = lk_phash_compute (original);

  add_noise (noisy, 16, 7);
  g_assert_cmpuint (lk_phash_distance (hash, hash), ==, 0);
  g_assert_cmpuint (lk_phash_distance (hash, ~hash), ==, LK_PHASH_BITS);
  g_assert_cmpuint (lk_phash_distance (hash, lk_phash_compute (small)), <=, 4);
  g_assert_cmpuint (lk_phash_distance (hash, lk_phash_compute (noisy)), <=, 6);
  /* the same colours laid out elsewhere: a different picture */
  g_assert_cmpuint (lk_phash_distance (hash, lk_phash_compute (other)), >=, 12);
}

static void
test_score_orders_other_character_last (void)
{
  g_autoptr(GPtrArray) references = g_ptr_array_new_with_free_func ((GDestroyNotify)lk_signature_free);
  g_autoptr(GdkPixbuf) own_frame = draw_figure (160, red, navy, 0, 3);
  g_autoptr(GdkPixbuf) other_frame = draw_figure (160, blonde, green, 6, -4);
  g_autoptr(LkSignature) own = NULL;
  g_autoptr(LkSignature) other = NULL;
  LkConsistencyScore own_score, other_score, none;

  for (int i = 0; i < 3; i++)
    {
      g_autoptr(GdkPixbuf) reference = draw_figure (200, red, navy, -5 + 5 * i, 3 * i);

      g_ptr_array_add (references, lk_signature_new_from_pixbuf (reference));
    }
  add_noise (own_frame, 10, 1);
  add_noise (other_frame, 10, 2);
  own = lk_signature_new_from_pixbuf (own_frame);
  other = lk_signature_new_from_pixbuf (other_frame);

  g_assert_true (lk_consistency_score (own, references, &own_score));
  g_assert_true (lk_consistency_score (other, references, &other_score));
  g_assert_cmpuint (own_score.n_references, ==, 3);
  g_assert_cmpfloat (own_score.palette_distance, <, other_score.palette_distance);
  /* own frame: the pose of the second reference, smaller and noisier */
  g_assert_cmpuint (own_score.hash_distance, <=, 8);
  g_assert_cmpuint (own_score.hash_distance, <, other_score.hash_distance);
  g_assert_cmpfloat (own_score.score, <, other_score.score);
  g_assert_cmpfloat (other_score.palette_distance, >, 2 * own_score.palette_distance);

  g_ptr_array_set_size (references, 0);
  g_assert_false (lk_consistency_score (own, references, &none));
  g_assert_cmpuint (none.n_references, ==, 0);
}

static void
loaded_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  *(GAsyncResult **)user_data = g_object_ref (result);
}

static LkSignature *
load (GFile   *file,
      GError **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GMainContext) context = g_main_context_ref_thread_default ();
  gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  lk_signature_load_async (file, NULL, loaded_cb, &result);
  while (result == NULL)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (context, TRUE);
    }
  return lk_signature_load_finish (result, error);
}

static void
test_signature_load_from_file (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("lk-consistency-XXXXXX", &error);
  g_autofree char *png = g_build_filename (dir, "frame.png", NULL);
  g_autofree char *mp4 = g_build_filename (dir, "clip.mp4", NULL);
  g_autoptr(GdkPixbuf) pixbuf = draw_figure (640, red, navy, 0, 0);
  g_autoptr(GdkPixbuf) small = NULL;
  g_autoptr(GFile) png_file = g_file_new_for_path (png);
  g_autoptr(GFile) mp4_file = g_file_new_for_path (mp4);
  g_autoptr(LkSignature) loaded = NULL;
  g_autoptr(LkSignature) direct = NULL;
  g_autoptr(LkSignature) none = NULL;
  g_autofree char *hash = NULL;

  g_assert_no_error (error);
  gdk_pixbuf_save (pixbuf, png, "png", &error, NULL);
  g_assert_no_error (error);
  g_file_set_contents (mp4, "\0\0\0\x18" "ftypmp42 not really a video", 32, &error);
  g_assert_no_error (error);

  loaded = load (png_file, &error);
  g_assert_no_error (error);
  hash = lk_file_sha256 (png_file, NULL, &error);
  g_assert_cmpstr (loaded->content_hash, ==, hash);

  /* decoded small, yet the same signature as the full image scaled down */
  small = gdk_pixbuf_scale_simple (pixbuf, LK_CONSISTENCY_DECODE_SIZE,
                                   LK_CONSISTENCY_DECODE_SIZE, GDK_INTERP_BILINEAR);
  direct = lk_signature_new_from_pixbuf (small);
  g_assert_cmpuint (lk_phash_distance (loaded->phash, direct->phash), <=, 2);
  g_assert_cmpfloat (lk_palette_distance (loaded->palette, direct->palette), <, 2);

  none = load (mp4_file, &error);
  g_assert_null (none);
  g_assert_error (error, LK_THUMBNAIL_ERROR, LK_THUMBNAIL_ERROR_UNSUPPORTED);
  g_assert_nonnull (strstr (error->message, "clip.mp4"));

  g_unlink (png);
  g_unlink (mp4);
  g_rmdir (dir);
}

/* The bytes say which format a file is in, whatever its name says. */
static void
test_format_known_by_bytes (void)
{
  static const guint8 webp[] = "RIFF\x24\0\0\0WEBPVP8 ";
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("lk-consistency-XXXXXX", &error);
  g_autofree char *misnamed = g_build_filename (dir, "frame.png", NULL);
  g_autoptr(GdkPixbuf) pixbuf = draw_figure (96, red, navy, 0, 0);
  g_autoptr(GFile) file = g_file_new_for_path (misnamed);
  g_autoptr(LkSignature) loaded = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;

  g_assert_no_error (error);
  gdk_pixbuf_save (pixbuf, misnamed, "jpeg", &error, "quality", "90", NULL);
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (misnamed, &contents, &length, &error));

  g_assert_cmpstr (lk_image_thumbnail_sniff_type ((const guint8 *)contents, length), ==,
                   "jpeg");
  g_assert_cmpstr (lk_image_thumbnail_sniff_type (webp, sizeof webp - 1), ==, "webp");
  g_assert_cmpstr (lk_image_thumbnail_sniff_type ((const guint8 *)"\x89PNG\r\n\x1a\n", 8), ==,
                   "png");
  g_assert_null (lk_image_thumbnail_sniff_type ((const guint8 *)"\x89PNG", 4));
  g_assert_null (lk_image_thumbnail_sniff_type ((const guint8 *)"GIF89a", 6));
  g_assert_null (lk_image_thumbnail_sniff_type (NULL, 0));

  /* a JPEG named .png is scored like any JPEG */
  loaded = load (file, &error);
  g_assert_no_error (error);
  g_assert_nonnull (loaded);

  g_unlink (misnamed);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/consistency/palette/dominant-colours-of-a-known-image",
                   test_palette_of_known_image);
  g_test_add_func ("/consistency/palette/stored-text-round-trips", test_palette_string_round_trip);
  g_test_add_func ("/consistency/phash/stable-under-resize-and-noise",
                   test_phash_stable_under_resize_and_noise);
  g_test_add_func ("/consistency/score/other-character-scores-higher",
                   test_score_orders_other_character_last);
  g_test_add_func ("/consistency/signature/loaded-off-thread-with-hash-and-refuses-videos",
                   test_signature_load_from_file);
  g_test_add_func ("/consistency/signature/format-known-by-bytes-not-name",
                   test_format_known_by_bytes);

  return g_test_run ();
}
