/* test-consistency-monitor.c
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* LkConsistencyMonitor end to end: the demo studio on a scratch PostgreSQL database, the
 * ComfyUI simulator over HTTP, a reference picture for Mei and her signature computed; a job
 * for her makes a frame, which is downloaded, scored and stored without anyone asking. */

#include "config.h"

#include "lk-catalog-references.h"
#include "lk-consistency-monitor.h"
#include "lk-consistency.h"
#include "lk-file-hash.h"
#include "lk-test-generator.h"

typedef struct
{
  GPtrArray *hashes;
  GArray    *characters;
  GArray    *scores;
} Scored;

static void
wait_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static void
scored_cb (LkConsistencyMonitor *monitor,
           const char           *content_hash,
           gint64                character_id,
           double                score,
           Scored               *scored)
{
  g_ptr_array_add (scored->hashes, g_strdup (content_hash));
  g_array_append_val (scored->characters, character_id);
  g_array_append_val (scored->scores, score);
}

static gint64
character_id (Fixture    *f,
              const char *name)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(LkCharacter) character = NULL;
  g_autoptr(GError) error = NULL;

  lk_catalog_find_character_async (f->catalog, name, NULL, wait_cb, &result);
  character = lk_catalog_find_character_finish (f->catalog, lk_test_comfy_wait_result (&result),
                                                &error);
  g_assert_no_error (error);
  return lk_character_get_id (character);
}

/* A 128×128 picture in blocks of colour: hair, face and outfit on a plain background. */
static char *
write_reference (Fixture    *f,
                 const char *name,
                 guint32     outfit)
{
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, 128, 128);
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (f->base, name, NULL);
  struct { int x, y, w, h; guint32 color; } parts[] = {
    { 44, 12, 40, 26, 0x2a2a6eff },
    { 48, 32, 32, 20, 0xf8dcc8ff },
    { 38, 52, 52, 60, outfit },
  };

  gdk_pixbuf_fill (pixbuf, 0xd0e0f0ff);
  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    {
      g_autoptr(GdkPixbuf) part = gdk_pixbuf_new_subpixbuf (pixbuf, parts[i].x, parts[i].y,
                                                            parts[i].w, parts[i].h);

      gdk_pixbuf_fill (part, parts[i].color);
    }
  gdk_pixbuf_save (pixbuf, path, "png", &error, NULL);
  g_assert_no_error (error);
  return path;
}

/* What `lorakeet-cli references add` then `lorakeet-cli consistency` do: one more reference,
 * then the signature made of all of them. */
static void
add_reference (Fixture    *f,
               gint64      character,
               const char *name,
               guint32     outfit,
               guint       n_references)
{
  g_autofree char *path = write_reference (f, name, outfit);
  g_autoptr(GAsyncResult) added = NULL;
  g_autoptr(GAsyncResult) refreshed = NULL;
  g_autoptr(LkReferenceImage) reference = NULL;
  g_autoptr(LkConsistencyReport) report = NULL;
  g_autoptr(GError) error = NULL;

  lk_catalog_add_reference_image_async (f->catalog, character, path,
                                        LK_REFERENCE_ROLE_REFERENCE_SHEET, NULL, NULL, wait_cb,
                                        &added);
  reference = lk_catalog_add_reference_image_finish (f->catalog,
                                                     lk_test_comfy_wait_result (&added), &error);
  g_assert_no_error (error);

  lk_consistency_refresh_async (f->catalog, character, NULL, f->downloads, NULL, wait_cb,
                                &refreshed);
  report = lk_consistency_refresh_finish (lk_test_comfy_wait_result (&refreshed), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (report->n_references, ==, n_references);
}

static GPtrArray *
generate (Fixture    *f,
          gint64      character)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  LkGenerateRequest request;
  GPtrArray *jobs;

  lk_generate_request_init (&request);
  lk_generator_generate_async (f->generator, character, &request, NULL, wait_cb, &result);
  jobs = lk_generator_generate_finish (f->generator, lk_test_comfy_wait_result (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (jobs->len, ==, 1);
  return jobs;
}

static gboolean
job_settled_cb (gpointer data)
{
  gpointer *pair = data;

  return lk_generator_job_is_finished (pair[0]) &&
         lk_consistency_monitor_get_n_pending (pair[1]) == 0;
}

static void
wait_settled (LkGeneratorJob       *job,
              LkConsistencyMonitor *monitor)
{
  gpointer pair[] = { job, monitor };

  lk_test_comfy_wait_until (job_settled_cb, pair, "the job to end and its frames to be scored");
}

static char *
frame_hash (LkGeneratorJob *job)
{
  g_autoptr(LkComfyOutput) output = g_list_model_get_item (lk_generator_job_get_outputs (job), 0);
  g_autoptr(GFile) file = NULL;

  g_assert_nonnull (output);
  g_assert_nonnull (lk_comfy_output_get_path (output));
  file = g_file_new_for_path (lk_comfy_output_get_path (output));
  return lk_file_sha256 (file, NULL, NULL);
}

static void
scored_free (Scored *scored)
{
  g_ptr_array_unref (scored->hashes);
  g_array_unref (scored->characters);
  g_array_unref (scored->scores);
}

static void
scored_init (Scored *scored)
{
  scored->hashes = g_ptr_array_new_with_free_func (g_free);
  scored->characters = g_array_new (FALSE, FALSE, sizeof (gint64));
  scored->scores = g_array_new (FALSE, FALSE, sizeof (double));
}

static void
test_new_frame_scored_and_stored (Fixture       *f,
                                  gconstpointer  data)
{
  g_autoptr(LkConsistencyMonitor) monitor = lk_consistency_monitor_new (f->generator);
  gint64 mei = character_id (f, "Mei Kobayashi");
  g_autoptr(GPtrArray) jobs = NULL;
  g_autofree char *hash = NULL;
  g_autofree char *sql = NULL;
  g_autofree char *row = NULL;
  g_autofree char *expected = NULL;
  LkGeneratorJob *job;
  Scored scored;

  scored_init (&scored);
  g_signal_connect (monitor, "scored", G_CALLBACK (scored_cb), &scored);
  add_reference (f, mei, "mei-sheet.png", 0x303030ff, 1);

  jobs = generate (f, mei);
  job = g_ptr_array_index (jobs, 0);
  wait_settled (job, monitor);
  g_assert_cmpint (lk_generator_job_get_state (job), ==, LK_JOB_SUCCEEDED);

  /* announced once, for her, with the frame's hash */
  hash = frame_hash (job);
  g_assert_cmpuint (scored.hashes->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (scored.hashes, 0), ==, hash);
  g_assert_cmpint (g_array_index (scored.characters, gint64, 0), ==, mei);
  g_assert_cmpfloat (g_array_index (scored.scores, double, 0), >=, 0);

  /* stored where `lorakeet-cli consistency` stores it, tied to the job's output row */
  sql = g_strdup_printf ("SELECT s.n_references || ' ' || (o.job_id = %" G_GINT64_FORMAT ") "
                         "|| ' ' || round (s.score::numeric, 6) "
                         "FROM output_consistency s JOIN generation_outputs o "
                         "ON o.id = s.output_id WHERE s.content_hash = '%s' "
                         "AND s.character_id = %" G_GINT64_FORMAT,
                         lk_generator_job_get_id (job), hash, mei);
  row = lk_test_db_query_value (f->db, sql);
  expected = g_strdup_printf ("1 true %.6f", g_array_index (scored.scores, double, 0));
  g_assert_cmpstr (row, ==, expected);

  scored_free (&scored);
}

static gboolean
flag_cb (gpointer data)
{
  return *(gboolean *)data;
}

static void
signatures_changed_cb (LkCatalog  *catalog,
                       const char *table,
                       gint64      id,
                       gboolean   *changed)
{
  if (g_strcmp0 (table, "character_signatures") == 0)
    *changed = TRUE;
}

static char *
stored_references (Fixture        *f,
                   LkGeneratorJob *job)
{
  g_autofree char *hash = frame_hash (job);
  g_autofree char *sql = g_strdup_printf ("SELECT n_references FROM output_consistency "
                                          "WHERE content_hash = '%s'", hash);

  return lk_test_db_query_value (f->db, sql);
}

/* With a shared output folder the frame is on disk before its row is written; and a
 * signature computed again (another process's `lorakeet-cli consistency`) is read again. */
static void
test_shared_folder_and_new_signature (Fixture       *f,
                                      gconstpointer  data)
{
  g_autoptr(LkConsistencyMonitor) monitor = lk_consistency_monitor_new (f->generator);
  gint64 mei = character_id (f, "Mei Kobayashi");
  g_autoptr(GPtrArray) first = NULL;
  g_autoptr(GPtrArray) second = NULL;
  g_autofree char *first_references = NULL;
  g_autofree char *second_references = NULL;
  gboolean changed = FALSE;
  Scored scored;

  scored_init (&scored);
  g_signal_connect (monitor, "scored", G_CALLBACK (scored_cb), &scored);
  lk_generator_set_output_dir (f->generator, lk_comfy_sim_get_output_dir (f->sim));
  add_reference (f, mei, "mei-sheet.png", 0x303030ff, 1);

  first = generate (f, mei);
  wait_settled (g_ptr_array_index (first, 0), monitor);
  g_assert_cmpuint (scored.hashes->len, ==, 1);
  first_references = stored_references (f, g_ptr_array_index (first, 0));
  g_assert_cmpstr (first_references, ==, "1");

  g_signal_connect (f->catalog, "changed", G_CALLBACK (signatures_changed_cb), &changed);
  add_reference (f, mei, "mei-summer.png", 0xf0f0f0ff, 2);
  lk_test_comfy_wait_until (flag_cb, &changed, "the catalog to report the new signature");
  g_signal_handlers_disconnect_by_data (f->catalog, &changed);

  second = generate (f, mei);
  wait_settled (g_ptr_array_index (second, 0), monitor);
  g_assert_cmpuint (scored.hashes->len, ==, 2);
  second_references = stored_references (f, g_ptr_array_index (second, 0));
  g_assert_cmpstr (second_references, ==, "2");

  scored_free (&scored);
}

static void
test_no_signature_no_score (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(LkConsistencyMonitor) monitor = lk_consistency_monitor_new (f->generator);
  gint64 mei = character_id (f, "Mei Kobayashi");
  g_autoptr(GPtrArray) jobs = NULL;
  g_autofree char *count = NULL;
  LkGeneratorJob *job;
  Scored scored;

  scored_init (&scored);
  g_signal_connect (monitor, "scored", G_CALLBACK (scored_cb), &scored);

  jobs = generate (f, mei);
  job = g_ptr_array_index (jobs, 0);
  wait_settled (job, monitor);
  g_assert_cmpint (lk_generator_job_get_state (job), ==, LK_JOB_SUCCEEDED);

  g_assert_cmpuint (scored.hashes->len, ==, 0);
  count = lk_test_db_query_value (f->db, "SELECT count (*) FROM output_consistency");
  g_assert_cmpstr (count, ==, "0");

  scored_free (&scored);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  if (argc < 2)
    {
      g_printerr ("usage: %s [GTest options] DEMO-LORA\n", argv[0]);
      return 1;
    }
  lk_test_generator_demo_lora = g_canonicalize_filename (argv[1], NULL);
  lk_test_pg_require ();

  g_test_add ("/consistency-monitor/new-frame-scored-and-stored", Fixture, NULL,
              lk_test_generator_setup, test_new_frame_scored_and_stored,
              lk_test_generator_teardown);
  g_test_add ("/consistency-monitor/shared-folder-and-new-signature", Fixture, NULL,
              lk_test_generator_setup, test_shared_folder_and_new_signature,
              lk_test_generator_teardown);
  g_test_add ("/consistency-monitor/no-signature-no-score", Fixture, NULL,
              lk_test_generator_setup, test_no_signature_no_score, lk_test_generator_teardown);

  return g_test_run ();
}
