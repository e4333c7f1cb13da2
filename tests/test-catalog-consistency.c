/* test-catalog-consistency.c
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The consistency score end to end on a real PostgreSQL: a character's reference images and
 * approved frame make its signature, its other frames are scored from real PNG files in an
 * output folder, and the review queue lists the unreviewed ones outliers first. */

#include "config.h"

#include <glib/gstdio.h>

#include "lk-catalog-consistency.h"
#include "lk-file-hash.h"
#include "lk-test-files.h"
#include "lk-test-pg.h"

typedef struct
{
  LkTestDb  *db;
  LkCatalog *catalog;
  char      *dir;
  char      *output_dir;
  gint64     mei;
  gint64     goblin;
  gint64     job;
} Fixture;

typedef struct
{
  gboolean      done;
  GAsyncResult *result;
} Wait;

static void
wait_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  Wait *wait = user_data;

  wait->result = g_object_ref (result);
  wait->done = TRUE;
}

/* Returns the result, owned by @wait (freed with wait_clear()). */
static GAsyncResult *
wait_result (Wait *wait)
{
  lk_test_wait_for (&wait->done, 60);
  return wait->result;
}

static void
wait_clear (Wait *wait)
{
  g_clear_object (&wait->result);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Wait, wait_clear)

/* A character in blocks of colour: background, hair, face, outfit, placed at (@x, @y) in
 * a 100×100 picture, with a little noise. */
static char *
write_picture (const char *dir,
               const char *name,
               guint32     hair,
               guint32     outfit,
               guint32     background,
               int         x,
               int         y,
               guint32     seed)
{
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, 100, 100);
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (dir, name, NULL);
  struct { int x, y, w, h; guint32 color; } parts[] = {
    { x + 35, y + 10, 30, 20, hair },
    { x + 38, y + 25, 24, 15, 0xf8dcc8ff },
    { x + 30, y + 40, 40, 45, outfit },
  };

  gdk_pixbuf_fill (pixbuf, background);
  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    {
      g_autoptr(GdkPixbuf) part = gdk_pixbuf_new_subpixbuf (pixbuf, parts[i].x, parts[i].y,
                                                            parts[i].w, parts[i].h);

      gdk_pixbuf_fill (part, parts[i].color);
    }
  for (int row = 0; row < 100; row++)
    for (int col = 0; col < 300; col++)
      {
        guint8 *p = gdk_pixbuf_get_pixels (pixbuf) + row * gdk_pixbuf_get_rowstride (pixbuf) + col;

        *p = CLAMP (*p + g_rand_int_range (rand, -6, 7), 0, 255);
      }
  gdk_pixbuf_save (pixbuf, path, "png", &error, NULL);
  g_assert_no_error (error);
  return path;
}

static gint64
query_id (Fixture    *f,
          const char *sql)
{
  g_autofree char *value = lk_test_db_query_value (f->db, sql);

  return g_ascii_strtoll (value, NULL, 10);
}

static gint64
add_output (Fixture    *f,
            const char *filename,
            const char *kind)
{
  g_autofree char *sql = g_strdup_printf ("INSERT INTO generation_outputs (job_id, filename, kind) "
                                          "VALUES (%" G_GINT64_FORMAT ", '%s', '%s') RETURNING id",
                                          f->job, filename, kind);

  return query_id (f, sql);
}

static void
add_reference (Fixture    *f,
               gint64      character,
               const char *path)
{
  g_autofree char *sql = g_strdup_printf ("INSERT INTO character_reference_images "
                                          "(character_id, file_path) VALUES (%" G_GINT64_FORMAT
                                          ", '%s')", character, path);

  lk_test_db_exec (f->db, sql);
}

static void
review (Fixture    *f,
        const char *path,
        gint64      output_id,
        const char *verdict)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *hash = lk_file_sha256 (file, NULL, NULL);
  g_autofree char *sql = g_strdup_printf ("INSERT INTO output_reviews (content_hash, output_id, "
                                          "verdict, rating, reviewed_by) VALUES ('%s', NULLIF (%"
                                          G_GINT64_FORMAT ", 0), %s, 3, 'tester') "
                                          "ON CONFLICT (content_hash) DO UPDATE SET "
                                          "verdict = EXCLUDED.verdict", hash, output_id,
                                          verdict);

  lk_test_db_exec (f->db, sql);
}

static void
setup (Fixture       *f,
       gconstpointer  data)
{
  g_auto(Wait) opened = { 0 };
  g_autoptr(GError) error = NULL;

  f->db = lk_test_db_new ();
  f->catalog = lk_catalog_new (f->db->conninfo);
  lk_catalog_open_async (f->catalog, LK_CATALOG_OPEN_MIGRATE, NULL, wait_cb, &opened);
  lk_catalog_open_finish (f->catalog, wait_result (&opened), &error);
  g_assert_no_error (error);

  f->dir = g_dir_make_tmp ("lk-consistency-XXXXXX", &error);
  g_assert_no_error (error);
  f->output_dir = g_build_filename (f->dir, "output", NULL);
  g_assert_cmpint (g_mkdir (f->output_dir, 0700), ==, 0);

  lk_test_db_exec (f->db, "INSERT INTO projects (id, name) VALUES (1, 'Office')");
  f->mei = query_id (f, "INSERT INTO characters (name, project_id) "
                        "VALUES ('Mei Kobayashi', 1) RETURNING id");
  f->goblin = query_id (f, "INSERT INTO characters (name, project_id) "
                           "VALUES ('Goblin Slayer', 1) RETURNING id");
  {
    g_autofree char *sql = g_strdup_printf ("INSERT INTO generation_jobs (character_id, "
                                            "server_url, workflow, status) VALUES (%"
                                            G_GINT64_FORMAT ", 'http://127.0.0.1:8188', '{}', "
                                            "'succeeded') RETURNING id", f->mei);

    f->job = query_id (f, sql);
  }
}

static void
teardown (Fixture       *f,
          gconstpointer  data)
{
  g_clear_object (&f->catalog);
  g_clear_pointer (&f->db, lk_test_db_free);
  lk_test_remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->output_dir);
}

static LkConsistencyReport *
refresh (Fixture  *f,
         gint64    character,
         GError  **error)
{
  g_auto(Wait) result = { 0 };

  lk_consistency_refresh_async (f->catalog, character, f->output_dir, NULL, NULL, wait_cb,
                                &result);
  return lk_consistency_refresh_finish (wait_result (&result), error);
}

static GPtrArray *
outliers (Fixture *f)
{
  g_auto(Wait) result = { 0 };
  g_autoptr(GError) error = NULL;
  GPtrArray *records;

  lk_catalog_list_outliers_async (f->catalog, f->mei, NULL, wait_cb, &result);
  records = lk_catalog_list_outliers_finish (f->catalog, wait_result (&result), &error);
  g_assert_no_error (error);
  return records;
}

#define RED_HAIR 0xc82828ff
#define NAVY     0x1a1f5aff
#define BLONDE   0xf0d860ff
#define GREEN    0x30a040ff
#define GREY_BG  0x909090ff
#define SKY_BG   0xa8c8f0ff

static void
test_outliers_first (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LkConsistencyReport) report = NULL;
  g_autoptr(LkConsistencyReport) again = NULL;
  g_autoptr(GPtrArray) queue = NULL;
  g_autoptr(GPtrArray) signatures = NULL;
  g_auto(Wait) listed = { 0 };
  g_autofree char *ref1 = write_picture (f->dir, "mei-sheet-1.png", RED_HAIR, NAVY, GREY_BG, 0, 0, 1);
  g_autofree char *ref2 = write_picture (f->dir, "mei-sheet-2.png", RED_HAIR, NAVY, SKY_BG, -8, 4, 2);
  g_autofree char *good1 = write_picture (f->output_dir, "anime_image_1_00001_.png", RED_HAIR, NAVY, GREY_BG, 5, 2, 3);
  g_autofree char *good2 = write_picture (f->output_dir, "anime_image_2_00001_.png", RED_HAIR, NAVY, SKY_BG, -3, -4, 4);
  g_autofree char *wrong = write_picture (f->output_dir, "anime_image_3_00001_.png", BLONDE, GREEN, GREY_BG, 12, 6, 5);
  g_autofree char *approved = write_picture (f->output_dir, "anime_image_4_00001_.png", RED_HAIR, NAVY, GREY_BG, 2, 8, 6);
  g_autofree char *sql = NULL;
  g_autofree char *count = NULL;
  gint64 good1_id, good2_id, wrong_id, approved_id;
  const LkConsistencyRecord *first;

  add_reference (f, f->mei, ref1);
  add_reference (f, f->mei, ref2);
  add_reference (f, f->mei, "/nonexistent/mei-sheet-3.png");
  good1_id = add_output (f, "anime_image_1_00001_.png", "image");
  good2_id = add_output (f, "anime_image_2_00001_.png", "image");
  wrong_id = add_output (f, "anime_image_3_00001_.png", "image");
  approved_id = add_output (f, "anime_image_4_00001_.png", "image");
  add_output (f, "anime_video_5_00001.mp4", "video");
  add_output (f, "anime_image_6_00001_.png", "image");   /* never reached this machine */
  /* approved by its file alone (the review does not name the output): still recognised */
  review (f, approved, 0, "'approved'");
  g_assert_cmpint (approved_id, >, 0);
  /* a rating without a verdict is not a review decision: the frame stays in the queue */
  review (f, good2, good2_id, "NULL");

  report = refresh (f, f->mei, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (report->n_references, ==, 3);
  g_assert_cmpuint (report->n_scored, ==, 3);
  g_assert_cmpuint (report->problems->len, ==, 2);

  /* the queue: the frame of someone else first, the approved frame not at all */
  g_assert_cmpuint (report->outliers->len, ==, 3);
  first = g_ptr_array_index (report->outliers, 0);
  g_assert_cmpint (first->output_id, ==, wrong_id);
  g_assert_cmpstr (first->filename, ==, "anime_image_3_00001_.png");
  g_assert_cmpuint (first->score.n_references, ==, 3);
  for (guint i = 1; i < report->outliers->len; i++)
    {
      const LkConsistencyRecord *record = g_ptr_array_index (report->outliers, i);
      const LkConsistencyRecord *before = g_ptr_array_index (report->outliers, i - 1);

      g_assert_cmpfloat (record->score.score, <=, before->score.score);
      g_assert_true (record->output_id == good1_id || record->output_id == good2_id);
      g_assert_cmpfloat (record->score.score, <, first->score.score / 2);
    }

  /* stored: the signature by source, a score per frame keyed by its hash */
  count = lk_test_db_query_value (f->db, "SELECT string_agg (source, ',' ORDER BY source) "
                                         "FROM character_signatures");
  g_assert_cmpstr (count, ==, "approved,reference,reference");
  g_clear_pointer (&count, g_free);
  sql = g_strdup_printf ("SELECT count (*) FROM output_consistency WHERE character_id = %"
                         G_GINT64_FORMAT, f->mei);
  count = lk_test_db_query_value (f->db, sql);
  g_assert_cmpstr (count, ==, "3");

  /* the stored signature scores a frame as the refresh did */
  lk_catalog_list_signatures_async (f->catalog, f->mei, NULL, wait_cb, &listed);
  signatures = lk_catalog_list_signatures_finish (f->catalog, wait_result (&listed), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (signatures->len, ==, 3);
  {
    g_autoptr(GFile) file = g_file_new_for_path (wrong);
    g_autoptr(LkSignature) frame = lk_signature_load (file, NULL, &error);
    LkConsistencyScore score;

    g_assert_no_error (error);
    g_assert_true (lk_consistency_score (frame, signatures, &score));
    g_assert_cmpfloat_with_epsilon (score.score, first->score.score, 0.01);
    g_assert_cmpuint (score.hash_distance, ==, first->score.hash_distance);
  }

  /* rejecting the outlier takes it off the queue; a second refresh changes nothing else */
  review (f, wrong, wrong_id, "'rejected'");
  g_clear_pointer (&queue, g_ptr_array_unref);
  queue = outliers (f);
  g_assert_cmpuint (queue->len, ==, 2);

  again = refresh (f, f->mei, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (again->outliers->len, ==, 2);
  g_clear_pointer (&count, g_free);
  count = lk_test_db_query_value (f->db, sql);
  g_assert_cmpstr (count, ==, "3");
}

static void
test_no_references (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LkConsistencyReport) report = NULL;

  add_reference (f, f->goblin, "/nonexistent/goblin.png");
  report = refresh (f, f->goblin, &error);
  g_assert_null (report);
  g_assert_error (error, LK_CONSISTENCY_ERROR, LK_CONSISTENCY_ERROR_NO_REFERENCES);
  g_assert_nonnull (strstr (error->message, "Add reference images"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  lk_test_pg_require ();

  g_test_add ("/catalog-consistency/refresh/unreviewed-outliers-first", Fixture, NULL, setup,
              test_outliers_first, teardown);
  g_test_add ("/catalog-consistency/refresh/without-references-says-what-to-add", Fixture, NULL,
              setup, test_no_references, teardown);

  return g_test_run ();
}
