/* test-validation-grid.c
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The validation grid end to end: the demo studio on the harness's PostgreSQL, the ComfyUI
 * simulator on 127.0.0.1, every cell generated with its seed and strength, the contact sheet
 * written, recorded as an output and reviewed by its content hash. */

#include "config.h"

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <string.h>

#include "lk-catalog-outputs.h"
#include "lk-comfy-error.h"
#include "lk-file-hash.h"
#include "lk-number-list.h"
#include "lk-test-generator.h"
#include "lk-validation-grid.h"

static void
wait_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  *(GAsyncResult **)user_data = g_object_ref (result);
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

static gboolean
run (LkValidationGrid  *grid,
     GError           **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  lk_validation_grid_run_async (grid, NULL, wait_cb, &result);
  return lk_validation_grid_run_finish (grid, lk_test_comfy_wait_result (&result), error);
}

static void
test_sheet_of_seeds_by_strengths (Fixture       *f,
                                  gconstpointer  data)
{
  const guint64 seeds[] = { 7, 11 };
  const double strengths[] = { 0.6, 0.8, 1.0 };
  g_autoptr(LkValidationGrid) grid = lk_validation_grid_new (f->generator,
                                                             character_id (f, "Mei Kobayashi"));
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkPixbuf) sheet = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GAsyncResult) reviewed = NULL;
  g_autoptr(GAsyncResult) fetched = NULL;
  g_autoptr(LkOutputReview) review = NULL;
  g_autofree char *hash = NULL;
  g_autofree char *sql = NULL;
  g_autofree char *recorded = NULL;
  g_autofree char *basename = NULL;
  GPtrArray *jobs;
  const guint8 *pixel;

  lk_validation_grid_set_seeds (grid, seeds, G_N_ELEMENTS (seeds));
  lk_validation_grid_set_strengths (grid, strengths, G_N_ELEMENTS (strengths));
  lk_validation_grid_set_server_url (grid, f->url);
  g_assert_true (run (grid, &error));
  g_assert_no_error (error);

  /* one job per cell, row by row: the cell's seed and the row's strength on Mei's LoRA */
  jobs = lk_validation_grid_get_jobs (grid);
  g_assert_cmpuint (jobs->len, ==, 6);
  for (guint i = 0; i < jobs->len; i++)
    {
      LkGeneratorJob *job = g_ptr_array_index (jobs, i);
      JsonObject *graph = lk_job_get_graph (lk_generator_job_get_job (job));
      JsonObject *lora = json_object_get_object_member (
        json_object_get_object_member (graph, "10"), "inputs");

      g_assert_cmpint (lk_generator_job_get_state (job), ==, LK_JOB_SUCCEEDED);
      g_assert_cmpuint (lk_generator_job_get_seed (job), ==, seeds[i % 2]);
      g_assert_cmpstr (json_object_get_string_member (lora, "lora_name"), ==,
                       "mei_working_v1.safetensors");
      g_assert_cmpfloat_with_epsilon (json_object_get_double_member (lora, "strength_model"),
                                      strengths[i / 2], 1e-6);
    }

  /* the sheet: a row per strength, a column per seed, frames painted in */
  g_assert_nonnull (lk_validation_grid_get_sheet_path (grid));
  {
    g_autoptr(GdkPixbufLoader) loader = gdk_pixbuf_loader_new_with_type ("png", &error);
    g_autofree char *contents = NULL;
    gsize length;

    g_assert_no_error (error);
    g_file_get_contents (lk_validation_grid_get_sheet_path (grid), &contents, &length, &error);
    g_assert_no_error (error);
    gdk_pixbuf_loader_write (loader, (const guint8 *)contents, length, &error);
    gdk_pixbuf_loader_close (loader, &error);
    g_assert_no_error (error);
    sheet = g_object_ref (gdk_pixbuf_loader_get_pixbuf (loader));
  }
  g_assert_cmpint (gdk_pixbuf_get_width (sheet), ==,
                   150 + 2 * (LK_VALIDATION_GRID_CELL_SIZE + 8) + 8);
  g_assert_cmpint (gdk_pixbuf_get_height (sheet), ==,
                   80 + 3 * (LK_VALIDATION_GRID_CELL_SIZE + 8) + 8);
  /* the middle of the last cell is a frame, not the empty-cell grey */
  pixel = gdk_pixbuf_read_pixels (sheet)
          + (80 + 2 * 264 + 128) * gdk_pixbuf_get_rowstride (sheet)
          + (150 + 264 + 128) * gdk_pixbuf_get_n_channels (sheet);
  g_assert_false (pixel[0] == 209 && pixel[1] == 209 && pixel[2] == 209);

  /* its hash is the file's, and it is recorded as an output of the grid's first job */
  file = g_file_new_for_path (lk_validation_grid_get_sheet_path (grid));
  hash = lk_file_sha256 (file, NULL, &error);
  g_assert_cmpstr (lk_validation_grid_get_content_hash (grid), ==, hash);
  basename = g_file_get_basename (file);
  sql = g_strdup_printf ("SELECT filename FROM generation_outputs WHERE job_id = %" G_GINT64_FORMAT
                         " AND node_id = '" LK_VALIDATION_GRID_NODE_ID "' AND kind = 'image'",
                         lk_generator_job_get_id (g_ptr_array_index (jobs, 0)));
  recorded = lk_test_db_query_value (f->db, sql);
  g_assert_cmpstr (recorded, ==, basename);

  /* reviewed like any frame: by its content hash */
  lk_catalog_replace_review_async (f->catalog, hash, 0, LK_REVIEW_VERDICT_APPROVED, 4,
                                   "0.8 holds the outfit", "tester", NULL, wait_cb, &reviewed);
  g_assert_true (lk_catalog_replace_review_finish (f->catalog,
                                                   lk_test_comfy_wait_result (&reviewed), NULL,
                                                   &error));
  g_assert_no_error (error);
  lk_catalog_get_review_async (f->catalog, hash, NULL, wait_cb, &fetched);
  g_assert_true (lk_catalog_get_review_finish (f->catalog, lk_test_comfy_wait_result (&fetched),
                                               &review, &error));
  g_assert_nonnull (review);
  g_assert_cmpint (review->verdict, ==, LK_REVIEW_VERDICT_APPROVED);
  g_assert_cmpint (review->rating, ==, 4);
}

static void
test_unreachable_server (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(LkValidationGrid) grid = lk_validation_grid_new (f->generator,
                                                             character_id (f, "Mei Kobayashi"));
  g_autofree char *dead = lk_test_comfy_dead_server_url ();
  g_autoptr(GError) error = NULL;

  lk_validation_grid_set_server_url (grid, dead);
  g_assert_false (run (grid, &error));
  g_assert_nonnull (error);
  g_test_message ("refused: %s", error->message);
  g_assert_null (lk_validation_grid_get_sheet_path (grid));
  g_assert_cmpuint (lk_validation_grid_get_jobs (grid)->len, ==, 0);
}

static void
test_character_without_lora (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(LkValidationGrid) grid = lk_validation_grid_new (f->generator,
                                                             character_id (f, "Rina Suzuki"));
  g_autoptr(GError) error = NULL;
  g_autofree char *count = NULL;

  lk_validation_grid_set_server_url (grid, f->url);
  g_assert_false (run (grid, &error));
  g_assert_error (error, LK_GENERATOR_ERROR, LK_GENERATOR_ERROR_CANNOT_GENERATE);
  g_assert_nonnull (strstr (error->message, "Rina Suzuki has no LoRA"));
  g_assert_cmpuint (lk_validation_grid_get_jobs (grid)->len, ==, 0);
  count = lk_test_db_query_value (f->db, "SELECT count (*) FROM generation_jobs");
  g_assert_cmpstr (count, ==, "0");
}

/* Seeds and strengths as an artist types them, in the window or after --seeds. */
static void
test_number_lists (void)
{
  g_autoptr(GArray) seeds = g_array_new (FALSE, FALSE, sizeof (guint64));
  g_autoptr(GArray) strengths = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GError) error = NULL;
  const char *bad_seeds[] = { "1, x", "-4", "+3", "1,,2", "", " , ", "3.5" };
  const char *bad_strengths[] = { "0.8, strong", "20", "-10.5", "", "0,8;1" };

  g_assert_true (lk_number_list_parse_seeds (" 7, 11 ,18446744073709551615,", seeds, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (seeds->len, ==, 3);
  g_assert_cmpuint (g_array_index (seeds, guint64, 0), ==, 7);
  g_assert_cmpuint (g_array_index (seeds, guint64, 2), ==, G_MAXUINT64);

  g_assert_true (lk_number_list_parse_strengths ("0.6,0.8, 1.0, -1", strengths, &error));
  g_assert_cmpuint (strengths->len, ==, 4);
  g_assert_cmpfloat (g_array_index (strengths, double, 1), ==, 0.8);
  g_assert_cmpfloat (g_array_index (strengths, double, 3), ==, -1);

  for (guint i = 0; i < G_N_ELEMENTS (bad_seeds); i++)
    {
      g_assert_false (lk_number_list_parse_seeds (bad_seeds[i], seeds, &error));
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
      g_test_message ("“%s”: %s", bad_seeds[i], error->message);
      g_clear_error (&error);
      /* a list that cannot be read adds nothing */
      g_assert_cmpuint (seeds->len, ==, 3);
    }
  for (guint i = 0; i < G_N_ELEMENTS (bad_strengths); i++)
    {
      g_assert_false (lk_number_list_parse_strengths (bad_strengths[i], strengths, &error));
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
      g_clear_error (&error);
      g_assert_cmpuint (strengths->len, ==, 4);
    }

  g_assert_false (lk_number_list_parse_seeds ("1, x", seeds, &error));
  g_assert_nonnull (strstr (error->message, "“x” is not a seed"));
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
  g_test_add_func ("/validation-grid/seeds-and-strengths-read-as-typed", test_number_lists);
  lk_test_pg_require ();

  g_test_add ("/validation-grid/mei/sheet-of-seeds-by-strengths-recorded-and-reviewed", Fixture,
              NULL, lk_test_generator_setup, test_sheet_of_seeds_by_strengths,
              lk_test_generator_teardown);
  g_test_add ("/validation-grid/rina/without-lora-nothing-to-validate", Fixture, NULL,
              lk_test_generator_setup, test_character_without_lora, lk_test_generator_teardown);
  g_test_add ("/validation-grid/unreachable-server-makes-no-sheet", Fixture, NULL,
              lk_test_generator_setup, test_unreachable_server, lk_test_generator_teardown);

  return g_test_run ();
}
