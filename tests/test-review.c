/* test-review.c
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <glib/gstdio.h>
#include <string.h>

#include "lk-catalog.h"
#include "lk-catalog-consistency.h"
#include "lk-catalog-outputs.h"
#include "lk-file-hash.h"
#include "lk-output-filter.h"
#include "lk-provenance.h"
#include "lk-test-pg.h"

#define RINA_TAG "0f6c2a47-2d55-4c55-9a3e-6c1b7f1e8d21"

static char *demo_lora_path;

/* Async plumbing ------------------------------------------------------------------------- */

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

static GAsyncResult *
wait_result (Wait *wait)
{
  lk_test_wait_for (&wait->done, 30);
  return wait->result;
}

static LkCatalog *
open_demo (LkTestDb *db)
{
  g_autoptr(LkCatalog) catalog = lk_catalog_new (db->conninfo);
  g_autoptr(GFile) lora = g_file_new_for_path (demo_lora_path);
  g_autoptr(GAsyncResult) opened = NULL;
  g_autoptr(GAsyncResult) installed = NULL;
  g_autoptr(GError) error = NULL;
  Wait w1 = { 0 }, w2 = { 0 };

  lk_catalog_open_async (catalog, LK_CATALOG_OPEN_MIGRATE, NULL, wait_cb, &w1);
  opened = wait_result (&w1);
  lk_catalog_open_finish (catalog, opened, &error);
  g_assert_no_error (error);

  lk_catalog_install_demo_async (catalog, lora, NULL, wait_cb, &w2);
  installed = wait_result (&w2);
  lk_catalog_install_demo_finish (catalog, installed, &error);
  g_assert_no_error (error);

  return g_steal_pointer (&catalog);
}

static LkResolution *
resolve (LkCatalog  *catalog,
         const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LkCharacter) character = NULL;
  g_autoptr(GAsyncResult) found = NULL;
  g_autoptr(GAsyncResult) resolved = NULL;
  LkResolution *resolution;
  Wait w1 = { 0 }, w2 = { 0 };

  lk_catalog_find_character_async (catalog, name, NULL, wait_cb, &w1);
  found = wait_result (&w1);
  character = lk_catalog_find_character_finish (catalog, found, &error);
  g_assert_no_error (error);

  lk_catalog_resolve_async (catalog, lk_character_get_id (character), NULL, wait_cb, &w2);
  resolved = wait_result (&w2);
  resolution = lk_catalog_resolve_finish (catalog, resolved, &error);
  g_assert_no_error (error);
  return resolution;
}

static LkCatalogJob *
create_job (LkCatalog    *catalog,
            LkResolution *resolution,
            const char   *workflow_json)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  LkCatalogJob *job;
  Wait wait = { 0 };

  lk_catalog_create_job_async (catalog, resolution, "base", "http://127.0.0.1:8188",
                               workflow_json, 1, "tester", NULL, wait_cb, &wait);
  result = wait_result (&wait);
  job = lk_catalog_create_job_finish (catalog, result, &error);
  g_assert_no_error (error);
  return job;
}

static LkOutputReview *
replace_review (LkCatalog       *catalog,
                const char      *hash,
                gint64           output_id,
                LkReviewVerdict  verdict,
                int              rating,
                const char      *note,
                const char      *who)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  LkOutputReview *previous = NULL;
  Wait wait = { 0 };

  lk_catalog_replace_review_async (catalog, hash, output_id, verdict, rating, note, who, NULL,
                                   wait_cb, &wait);
  result = wait_result (&wait);
  lk_catalog_replace_review_finish (catalog, result, &previous, &error);
  g_assert_no_error (error);
  return previous;
}

static LkOutputReview *
get_review (LkCatalog  *catalog,
            const char *hash)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  LkOutputReview *review = NULL;
  Wait wait = { 0 };

  lk_catalog_get_review_async (catalog, hash, NULL, wait_cb, &wait);
  result = wait_result (&wait);
  g_assert_true (lk_catalog_get_review_finish (catalog, result, &review, &error));
  g_assert_no_error (error);
  return review;
}

static void
restore_review (LkCatalog            *catalog,
                const char           *hash,
                const LkOutputReview *previous)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  Wait wait = { 0 };

  lk_catalog_restore_review_async (catalog, hash, previous, NULL, wait_cb, &wait);
  result = wait_result (&wait);
  lk_catalog_restore_review_finish (catalog, result, &error);
  g_assert_no_error (error);
}

static char *
hash_of (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  char *hash = lk_file_sha256 (file, NULL, &error);

  g_assert_no_error (error);
  return hash;
}

/* A frame of the demo still template as submitted (the template carries Mei's LoRA). */
static char *
write_frame (const char *name,
             const char *workflow_json,
             const char *job_tag)
{
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, 8, 8);
  g_autofree char *path = g_build_filename (g_get_tmp_dir (), name, NULL);
  g_autofree char *tag = job_tag ? g_strdup_printf ("{\"job\": \"%s\"}", job_tag) : NULL;
  g_autoptr(GError) error = NULL;
  char *keys[] = { (char *)"tEXt::prompt", tag ? (char *)"tEXt::lorakeet" : NULL, NULL };
  char *values[] = { (char *)workflow_json, tag, NULL };

  gdk_pixbuf_fill (pixbuf, 0xcc8844ff);
  gdk_pixbuf_savev (pixbuf, path, "png", keys, values, &error);
  g_assert_no_error (error);
  return g_steal_pointer (&path);
}

static LkFrameCheck *
check_frame (LkCatalog  *catalog,
             const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *name = g_path_get_basename (path);
  g_autoptr(LkProvenance) provenance = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  LkFrameCheck *check;
  Wait wait = { 0 };

  provenance = lk_provenance_load (file, NULL, &error);
  g_assert_no_error (error);
  lk_catalog_check_frame_async (catalog, provenance, name, NULL, wait_cb, &wait);
  result = wait_result (&wait);
  check = lk_catalog_check_frame_finish (catalog, result, &error);
  g_assert_no_error (error);
  return check;
}

/* Tests ---------------------------------------------------------------------------------- */

static void
test_review_survives_rename (void)
{
  g_autoptr(LkTestDb) db = lk_test_db_new ();
  g_autoptr(LkCatalog) catalog = open_demo (db);
  g_autofree char *path = write_frame ("anime_image_7_00001_.png", "{}", NULL);
  g_autofree char *moved = g_build_filename (g_get_tmp_dir (), "keeper-mei.png", NULL);
  g_autofree char *hash = hash_of (path);
  g_autofree char *moved_hash = NULL;
  g_autoptr(LkOutputReview) previous = NULL;
  g_autoptr(LkOutputReview) review = NULL;

  previous = replace_review (catalog, hash, 0, LK_REVIEW_VERDICT_APPROVED, 5, "keeper", "aiko");
  g_assert_null (previous);

  g_assert_cmpint (g_rename (path, moved), ==, 0);
  moved_hash = hash_of (moved);
  review = get_review (catalog, moved_hash);
  g_assert_nonnull (review);
  g_assert_cmpint (review->verdict, ==, LK_REVIEW_VERDICT_APPROVED);
  g_assert_cmpint (review->rating, ==, 5);
  g_assert_cmpstr (review->note, ==, "keeper");
  g_assert_cmpstr (review->reviewed_by, ==, "aiko");
  g_assert_nonnull (review->reviewed_at);

  g_unlink (moved);
}

static void
test_undo_restores_previous_review (void)
{
  g_autoptr(LkTestDb) db = lk_test_db_new ();
  g_autoptr(LkCatalog) catalog = open_demo (db);
  const char *hash = "2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae";
  g_autoptr(LkOutputReview) none = NULL;
  g_autoptr(LkOutputReview) approved = NULL;
  g_autoptr(LkOutputReview) current = NULL;
  g_autoptr(LkOutputReview) restored = NULL;
  g_autoptr(LkOutputReview) gone = NULL;

  none = replace_review (catalog, hash, 0, LK_REVIEW_VERDICT_APPROVED, 4, NULL, "aiko");
  g_assert_null (none);
  approved = replace_review (catalog, hash, 0, LK_REVIEW_VERDICT_REJECTED, 0, "hands", "ben");
  g_assert_nonnull (approved);
  g_assert_cmpint (approved->verdict, ==, LK_REVIEW_VERDICT_APPROVED);
  g_assert_cmpint (approved->rating, ==, 4);
  g_assert_cmpstr (approved->reviewed_by, ==, "aiko");

  current = get_review (catalog, hash);
  g_assert_cmpint (current->verdict, ==, LK_REVIEW_VERDICT_REJECTED);
  g_assert_cmpstr (current->note, ==, "hands");

  /* Undo the rejection: Aiko's approval is back, with her name and time. */
  restore_review (catalog, hash, approved);
  restored = get_review (catalog, hash);
  g_assert_cmpint (restored->verdict, ==, LK_REVIEW_VERDICT_APPROVED);
  g_assert_cmpint (restored->rating, ==, 4);
  g_assert_null (restored->note);
  g_assert_cmpstr (restored->reviewed_by, ==, "aiko");
  g_assert_true (g_date_time_equal (restored->reviewed_at, approved->reviewed_at));

  /* Undo the approval: the frame is unreviewed again. */
  restore_review (catalog, hash, none);
  gone = get_review (catalog, hash);
  g_assert_null (gone);
}

static void
test_mei_lora_on_rina_frame_warns (void)
{
  g_autoptr(LkTestDb) db = lk_test_db_new ();
  g_autoptr(LkCatalog) catalog = open_demo (db);
  g_autoptr(LkResolution) rina = resolve (catalog, "Rina");
  const char *workflow = lk_template_get_workflow_json (lk_resolution_get_template (rina));
  g_autoptr(LkCatalogJob) job = create_job (catalog, rina, workflow);
  g_autofree char *path = NULL;
  g_autoptr(LkFrameCheck) check = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  Wait wait = { 0 };

  g_assert_null (lk_resolution_get_lora (rina));
  g_assert_nonnull (strstr (workflow, "mei_working_v1.safetensors"));

  /* Lorakeet offers ComfyUI the job tag as the prompt id, and records it. */
  lk_catalog_update_job_async (catalog, lk_catalog_job_get_id (job), "succeeded", RINA_TAG, NULL,
                               NULL, wait_cb, &wait);
  result = wait_result (&wait);
  lk_catalog_update_job_finish (catalog, result, &error);
  g_assert_no_error (error);

  /* The template went out unchanged, Mei's LoRA still in it, filed under Rina. */
  path = write_frame ("anime_image_8_00001_.png", workflow, RINA_TAG);
  check = check_frame (catalog, path);
  g_assert_cmpint (check->job_id, ==, lk_catalog_job_get_id (job));
  g_assert_cmpstr (check->character_name, ==, "Rina Suzuki");
  g_assert_cmpstr (check->project_name, ==, "Tokyo Debt Desire");
  g_assert_cmpuint (g_strv_length (check->character_loras), ==, 0);
  g_assert_cmpint (check->verdict, ==, LK_LORA_VERDICT_OTHER_CHARACTER);
  g_assert_cmpstr (check->message, ==,
                   "This frame was made with mei_working_v1.safetensors, which is Mei "
                   "Kobayashi’s LoRA, but it is filed under Rina Suzuki.");
  g_unlink (path);
}

static void
test_mei_frame_found_by_output_and_listed (void)
{
  g_autoptr(LkTestDb) db = lk_test_db_new ();
  g_autoptr(LkCatalog) catalog = open_demo (db);
  g_autoptr(LkResolution) mei = resolve (catalog, "Mei");
  const char *workflow = lk_template_get_workflow_json (lk_resolution_get_template (mei));
  g_autoptr(LkCatalogJob) job = create_job (catalog, mei, workflow);
  g_autoptr(GPtrArray) outputs = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(LkFrameCheck) check = NULL;
  g_autoptr(LkFrameCheck) stranger = NULL;
  g_autoptr(LkOutputReview) previous = NULL;
  g_autoptr(GAsyncResult) r1 = NULL;
  g_autoptr(GAsyncResult) r2 = NULL;
  g_autoptr(GAsyncResult) r3 = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *other = NULL;
  g_autofree char *hash = NULL;
  LkOutputRecord *record;
  Wait w1 = { 0 }, w2 = { 0 }, w3 = { 0 };

  g_ptr_array_add (outputs, lk_catalog_output_new ("anime_image_9_00001_.png", NULL, NULL,
                                                   "image", "9"));
  lk_catalog_add_job_outputs_async (catalog, lk_catalog_job_get_id (job), outputs, NULL, wait_cb,
                                    &w1);
  r1 = wait_result (&w1);
  lk_catalog_add_job_outputs_finish (catalog, r1, &error);
  g_assert_no_error (error);

  /* No job tag (a frame from before tags, or a copy whose chunks were stripped and re-added):
   * the recorded output name still finds the job. */
  path = write_frame ("anime_image_9_00001_.png", workflow, NULL);
  check = check_frame (catalog, path);
  g_assert_cmpint (check->job_id, ==, lk_catalog_job_get_id (job));
  g_assert_cmpint (check->output_id, >, 0);
  g_assert_cmpstr (check->character_name, ==, "Mei Kobayashi");
  g_assert_cmpstr (check->character_loras[0], ==, "mei_working_v1.safetensors");
  g_assert_cmpint (check->verdict, ==, LK_LORA_VERDICT_OK);
  g_assert_null (check->message);
  /* The job record the viewer shows beside the frame */
  g_assert_cmpstr (check->server_url, ==, "http://127.0.0.1:8188");
  g_assert_cmpstr (check->created_by, ==, "tester");
  g_assert_nonnull (check->created_at);
  g_assert_cmpstr (check->profile_name, ==,
                   lk_profile_get_name (lk_resolution_get_profile (mei)));
  g_assert_null (check->job_error);

  other = write_frame ("somewhere_else.png", workflow, NULL);
  stranger = check_frame (catalog, other);
  g_assert_cmpint (stranger->job_id, ==, 0);
  g_assert_cmpint (stranger->verdict, ==, LK_LORA_VERDICT_UNKNOWN);
  g_assert_nonnull (stranger->message);

  lk_catalog_list_outputs_async (catalog, lk_character_get_id (lk_resolution_get_character (mei)),
                                 NULL, wait_cb, &w2);
  r2 = wait_result (&w2);
  records = lk_catalog_list_outputs_finish (catalog, r2, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (records->len, ==, 1);
  record = g_ptr_array_index (records, 0);
  g_assert_cmpstr (record->filename, ==, "anime_image_9_00001_.png");
  g_assert_cmpstr (record->character_name, ==, "Mei Kobayashi");
  g_assert_null (record->review);

  hash = hash_of (path);
  previous = replace_review (catalog, hash, record->output_id, LK_REVIEW_VERDICT_APPROVED, 0,
                             NULL, "aiko");
  g_assert_null (previous);
  g_clear_pointer (&records, g_ptr_array_unref);

  lk_catalog_list_outputs_async (catalog, 0, NULL, wait_cb, &w3);
  r3 = wait_result (&w3);
  records = lk_catalog_list_outputs_finish (catalog, r3, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (records->len, ==, 1);
  record = g_ptr_array_index (records, 0);
  g_assert_nonnull (record->review);
  g_assert_cmpint (record->review->verdict, ==, LK_REVIEW_VERDICT_APPROVED);
  g_assert_cmpstr (record->review->content_hash, ==, hash);

  g_unlink (path);
  g_unlink (other);
}

/* Filters -------------------------------------------------------------------------------- */

#define FILTER_WORKFLOW \
  "{\"6\": {\"class_type\": \"CLIPTextEncode\"," \
  "         \"inputs\": {\"text\": \"%s\", \"clip\": [\"4\", 1]}}," \
  " \"7\": {\"class_type\": \"CLIPTextEncode\"," \
  "         \"inputs\": {\"text\": \"lowres, bad hands\", \"clip\": [\"4\", 1]}}," \
  " \"4\": {\"class_type\": \"CheckpointLoaderSimple\"," \
  "         \"inputs\": {\"ckpt_name\": \"base.safetensors\"}}," \
  " \"3\": {\"class_type\": \"KSampler\", \"inputs\": {\"seed\": 1, \"steps\": 20, \"cfg\": 7," \
  " \"sampler_name\": \"euler\", \"scheduler\": \"normal\", \"denoise\": 1," \
  " \"model\": [\"4\", 0]," \
  " \"positive\": [\"6\", 0], \"negative\": [\"7\", 0], \"latent_image\": [\"5\", 0]}}}"

static LkCatalogJob *
record_output (LkCatalog    *catalog,
               LkResolution *resolution,
               const char   *positive,
               const char   *filename,
               const char   *subfolder)
{
  g_autofree char *workflow = g_strdup_printf (FILTER_WORKFLOW, positive);
  g_autoptr(LkCatalogJob) job = create_job (catalog, resolution, workflow);
  g_autoptr(GPtrArray) outputs = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  Wait wait = { 0 };

  g_ptr_array_add (outputs, lk_catalog_output_new (filename, subfolder, NULL, "image", "9"));
  lk_catalog_add_job_outputs_async (catalog, lk_catalog_job_get_id (job), outputs, NULL,
                                    wait_cb, &wait);
  result = wait_result (&wait);
  lk_catalog_add_job_outputs_finish (catalog, result, &error);
  g_assert_no_error (error);
  return g_steal_pointer (&job);
}

static GHashTable *
list_facts (LkCatalog *catalog)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GHashTable *facts;
  Wait wait = { 0 };

  lk_catalog_list_output_facts_async (catalog, NULL, wait_cb, &wait);
  result = wait_result (&wait);
  facts = lk_catalog_list_output_facts_finish (catalog, result, &error);
  g_assert_no_error (error);
  return facts;
}

/* A real file in @folder, with ComfyUI's `prompt` chunk holding @positive. */
static LkOutputItem *
output_file (const char *folder,
             const char *relative,
             const char *positive,
             gint64      mtime)
{
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, 8, 8);
  g_autofree char *path = g_build_filename (folder, relative, NULL);
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *workflow = g_strdup_printf (FILTER_WORKFLOW, positive);
  g_autoptr(GError) error = NULL;
  char *keys[] = { (char *)"tEXt::prompt", NULL };
  char *values[] = { workflow, NULL };

  g_assert_cmpint (g_mkdir_with_parents (dir, 0755), ==, 0);
  gdk_pixbuf_fill (pixbuf, 0x336699ff);
  gdk_pixbuf_savev (pixbuf, path, "png", keys, values, &error);
  g_assert_no_error (error);
  return lk_output_item_new (path, mtime, 100, lk_media_kind_guess (path), FALSE);
}

static void
filter_changed_cb (gboolean *changed)
{
  *changed = TRUE;
}

static void
test_filter_by_catalog_facts (void)
{
  g_autoptr(LkTestDb) db = lk_test_db_new ();
  g_autoptr(LkCatalog) catalog = open_demo (db);
  g_autoptr(LkResolution) mei = resolve (catalog, "Mei");
  g_autoptr(LkResolution) goblin = resolve (catalog, "Goblin Slayer");
  g_autoptr(LkCatalogJob) mei_job = NULL;
  g_autoptr(LkCatalogJob) goblin_job = NULL;
  g_autoptr(GHashTable) facts = NULL;
  g_autoptr(LkOutputFilter) filter = NULL;
  g_autoptr(LkOutputItem) mei_item = NULL;
  g_autoptr(LkOutputItem) goblin_item = NULL;
  g_autoptr(LkOutputItem) stray = NULL;
  g_autoptr(LkOutputItem) clip = NULL;
  g_autoptr(LkOutputReview) previous = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_local (2026, 12, 6, 15, 0, 0);
  g_autoptr(GListStore) items = g_list_store_new (LK_TYPE_OUTPUT_ITEM);
  g_autoptr(GAsyncResult) read = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *folder = g_dir_make_tmp ("lk-filter-XXXXXX", &error);
  g_autofree char *hash = NULL;
  g_autofree char *night = NULL;
  g_auto(GStrv) unread = NULL;
  gint64 today = g_date_time_to_unix (now) * G_USEC_PER_SEC;
  gint64 last_year = today - (gint64)365 * 24 * 3600 * G_USEC_PER_SEC;
  const LkOutputFacts *fact;
  gboolean changed = FALSE;
  Wait wait = { 0 };

  g_assert_no_error (error);
  mei_job = record_output (catalog, mei, "mei, Red Scarf, office", "anime_image_1_00001_.png",
                           NULL);
  goblin_job = record_output (catalog, goblin, "goblin slayer, armor, neon",
                              "anime_image_2_00001_.png", "night");
  mei_item = output_file (folder, "anime_image_1_00001_.png", "mei, Red Scarf, office", today);
  goblin_item = output_file (folder, "night/anime_image_2_00001_.png",
                             "goblin slayer, armor, neon", today);
  stray = output_file (folder, "stray_00001_.png", "a stray cat, green eyes", last_year);
  clip = lk_output_item_new ("/nowhere/else/anime_video_3_00001.mp4", today, 10,
                             LK_MEDIA_KIND_VIDEO, FALSE);

  facts = list_facts (catalog);
  g_assert_cmpuint (g_hash_table_size (facts), ==, 2);
  fact = g_hash_table_lookup (facts, "night/anime_image_2_00001_.png");
  g_assert_nonnull (fact);
  g_assert_cmpint (fact->character_id, ==,
                   lk_character_get_id (lk_resolution_get_character (goblin)));
  /* The positive prompt only, case-folded: the negative prompt never matches a search. */
  g_assert_cmpstr (fact->prompt, ==, "goblin slayer, armor, neon");

  /* A review linked to the recorded output shows in the facts. */
  fact = g_hash_table_lookup (facts, "anime_image_1_00001_.png");
  hash = hash_of (lk_output_item_get_path (mei_item));
  previous = replace_review (catalog, hash, fact->output_id, LK_REVIEW_VERDICT_APPROVED, 4,
                             "good hands", "aiko");
  g_clear_pointer (&facts, g_hash_table_unref);
  facts = list_facts (catalog);

  filter = lk_output_filter_new (folder);
  g_signal_connect_swapped (filter, "changed", G_CALLBACK (filter_changed_cb), &changed);
  lk_output_filter_set_facts (filter, facts);
  g_assert_true (changed);
  g_assert_true (lk_output_filter_matches (filter, mei_item));
  g_assert_true (lk_output_filter_matches (filter, goblin_item));
  g_assert_true (lk_output_filter_matches (filter, stray));

  /* Character: the catalog says whose frame it is; an unrecorded file belongs to nobody. */
  lk_output_filter_set_character_id (filter,
                                     lk_character_get_id (lk_resolution_get_character (mei)));
  g_assert_true (lk_output_filter_matches (filter, mei_item));
  g_assert_false (lk_output_filter_matches (filter, goblin_item));
  g_assert_false (lk_output_filter_matches (filter, stray));
  /* A frame a job has just produced shows before the next facts say whose it is. */
  lk_output_filter_note_arrival (filter, lk_output_item_get_path (clip));
  g_assert_true (lk_output_filter_matches (filter, clip));
  lk_output_filter_set_character_id (filter, 0);

  /* Project. */
  lk_output_filter_set_project_id (filter,
    lk_character_get_project_id (lk_resolution_get_character (goblin)));
  g_assert_false (lk_output_filter_matches (filter, mei_item));
  g_assert_true (lk_output_filter_matches (filter, goblin_item));
  g_assert_false (lk_output_filter_matches (filter, stray));
  lk_output_filter_set_project_id (filter, 0);

  /* Review state, from the catalog and from reviews the gallery saw. */
  lk_output_filter_set_review (filter, LK_REVIEW_FILTER_APPROVED);
  g_assert_true (lk_output_filter_matches (filter, mei_item));
  g_assert_false (lk_output_filter_matches (filter, goblin_item));
  lk_output_filter_set_review (filter, LK_REVIEW_FILTER_UNREVIEWED);
  g_assert_false (lk_output_filter_matches (filter, mei_item));
  g_assert_true (lk_output_filter_matches (filter, goblin_item));
  g_assert_true (lk_output_filter_matches (filter, stray));
  lk_output_filter_note_review (filter, lk_output_item_get_path (stray),
                                LK_REVIEW_VERDICT_REJECTED);
  lk_output_filter_set_review (filter, LK_REVIEW_FILTER_REJECTED);
  g_assert_true (lk_output_filter_matches (filter, stray));
  g_assert_false (lk_output_filter_matches (filter, goblin_item));
  lk_output_filter_set_review (filter, LK_REVIEW_FILTER_ALL);

  /* Date, against a fixed "now". */
  lk_output_filter_set_date (filter, LK_DATE_FILTER_TODAY, now);
  g_assert_true (lk_output_filter_matches (filter, mei_item));
  g_assert_false (lk_output_filter_matches (filter, stray));
  lk_output_filter_set_date (filter, LK_DATE_FILTER_MONTH, now);
  g_assert_false (lk_output_filter_matches (filter, stray));
  lk_output_filter_set_date (filter, LK_DATE_FILTER_ANY, now);
  g_assert_true (lk_output_filter_matches (filter, stray));

  /* Kind. */
  lk_output_filter_set_kind (filter, LK_MEDIA_KIND_VIDEO);
  g_assert_true (lk_output_filter_matches (filter, clip));
  g_assert_false (lk_output_filter_matches (filter, mei_item));
  lk_output_filter_set_kind (filter, LK_MEDIA_KIND_NONE);

  /* Text in the positive prompt, whatever the case; never the negative prompt. */
  lk_output_filter_set_text (filter, "  red SCARF ");
  g_assert_true (lk_output_filter_matches (filter, mei_item));
  g_assert_false (lk_output_filter_matches (filter, goblin_item));
  lk_output_filter_set_text (filter, "bad hands");
  g_assert_false (lk_output_filter_matches (filter, mei_item));

  /* A file the catalog does not know matches once its PNG prompt has been read. */
  lk_output_filter_set_text (filter, "Green Eyes");
  g_assert_false (lk_output_filter_matches (filter, stray));
  g_list_store_append (items, mei_item);
  g_list_store_append (items, goblin_item);
  g_list_store_append (items, stray);
  g_list_store_append (items, clip);
  unread = lk_output_filter_dup_unread_prompts (filter, G_LIST_MODEL (items));
  g_assert_cmpuint (g_strv_length (unread), ==, 1);
  g_assert_cmpstr (unread[0], ==, lk_output_item_get_path (stray));
  changed = FALSE;
  lk_output_filter_read_prompts_async (filter, (const char * const *)unread, NULL, wait_cb,
                                       &wait);
  read = wait_result (&wait);
  g_assert_true (lk_output_filter_read_prompts_finish (filter, read, &error));
  g_assert_no_error (error);
  lk_test_wait_for (&changed, 10);
  g_assert_true (lk_output_filter_matches (filter, stray));
  g_assert_false (lk_output_filter_matches (filter, mei_item));
  g_clear_pointer (&unread, g_strfreev);
  unread = lk_output_filter_dup_unread_prompts (filter, G_LIST_MODEL (items));
  g_assert_cmpuint (g_strv_length (unread), ==, 0);

  /* Without a catalog nothing is known: character filters hide everything, text still
   * works from the files. */
  lk_output_filter_set_facts (filter, NULL);
  lk_output_filter_set_text (filter, NULL);
  lk_output_filter_set_character_id (filter,
                                     lk_character_get_id (lk_resolution_get_character (mei)));
  g_assert_false (lk_output_filter_matches (filter, mei_item));

  g_unlink (lk_output_item_get_path (mei_item));
  g_unlink (lk_output_item_get_path (goblin_item));
  g_unlink (lk_output_item_get_path (stray));
  night = g_build_filename (folder, "night", NULL);
  g_rmdir (night);
  g_rmdir (folder);
}

/* Scores @hash for the character, tied to its output row. */
static void
store_score (LkCatalog  *catalog,
             gint64      character_id,
             const char *hash,
             gint64      output_id,
             double      value)
{
  g_autoptr(GPtrArray) scores = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  LkConsistencyScore score = { .palette_distance = 10, .hash_distance = 20,
                               .score = value, .n_references = 3 };
  Wait wait = { 0 };

  scores = g_ptr_array_new_with_free_func ((GDestroyNotify)lk_consistency_record_free);
  g_ptr_array_add (scores, lk_consistency_record_new (hash, output_id, &score));
  lk_catalog_store_consistency_scores_async (catalog, character_id, 0, scores, NULL, wait_cb,
                                             &wait);
  result = wait_result (&wait);
  g_assert_true (lk_catalog_store_consistency_scores_finish (catalog, result, &error));
  g_assert_no_error (error);
}

static LkConsistencyRecord *
lookup_score (LkCatalog  *catalog,
              gint64      character_id,
              const char *hash)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  LkConsistencyRecord *record;
  Wait wait = { 0 };

  lk_catalog_lookup_consistency_async (catalog, character_id, hash, NULL, wait_cb, &wait);
  result = wait_result (&wait);
  record = lk_catalog_lookup_consistency_finish (catalog, result, &error);
  g_assert_no_error (error);
  return record;
}

static int
compare_outliers (gconstpointer a,
                  gconstpointer b,
                  gpointer      user_data)
{
  return lk_output_filter_compare (user_data, LK_OUTPUT_SORT_OUTLIERS,
                                   *(LkOutputItem **)a, *(LkOutputItem **)b);
}

static int
compare_newest (gconstpointer a,
                gconstpointer b,
                gpointer      user_data)
{
  return lk_output_filter_compare (user_data, LK_OUTPUT_SORT_NEWEST,
                                   *(LkOutputItem **)a, *(LkOutputItem **)b);
}

/* "Outliers first": the stored scores against each frame's own character, highest first,
 * then the unscored frames newest first; a score for another character does not count. */
static void
test_sort_outliers_first (void)
{
  g_autoptr(LkTestDb) db = lk_test_db_new ();
  g_autoptr(LkCatalog) catalog = open_demo (db);
  g_autoptr(LkResolution) mei = resolve (catalog, "Mei");
  g_autoptr(LkResolution) goblin = resolve (catalog, "Goblin Slayer");
  g_autoptr(GHashTable) facts = NULL;
  g_autoptr(LkOutputFilter) filter = NULL;
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(LkConsistencyRecord) found = NULL;
  g_autoptr(LkConsistencyRecord) missing = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *folder = g_dir_make_tmp ("lk-sort-XXXXXX", &error);
  gint64 mei_id = lk_character_get_id (lk_resolution_get_character (mei));
  gint64 goblin_id = lk_character_get_id (lk_resolution_get_character (goblin));
  /* name, mtime (s), Mei's score or -1, Goblin Slayer's score or -1 */
  static const struct { const char *name; gint64 mtime; double mei; double goblin; } frames[] = {
    { "typical_00001_.png", 400, 0.31, -1 },
    { "outlier_00001_.png", 100, 0.93, -1 },
    { "unscored_old_00001_.png", 200, -1, -1 },
    { "unscored_new_00001_.png", 500, -1, 0.99 },
    { "close_00001_.png", 300, 0.05, -1 },
  };
  static const char * const outliers_first[] = {
    "outlier_00001_.png", "typical_00001_.png", "close_00001_.png",
    "unscored_new_00001_.png", "unscored_old_00001_.png",
  };
  static const char * const newest_first[] = {
    "unscored_new_00001_.png", "typical_00001_.png", "close_00001_.png",
    "unscored_old_00001_.png", "outlier_00001_.png",
  };

  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (frames); i++)
    {
      g_autofree char *prompt = g_strdup_printf ("mei, frame %u", i);
      g_autoptr(LkCatalogJob) job = record_output (catalog, mei, prompt, frames[i].name, NULL);

      g_ptr_array_add (items, output_file (folder, frames[i].name, prompt,
                                           frames[i].mtime * G_USEC_PER_SEC));
    }

  facts = list_facts (catalog);
  for (guint i = 0; i < G_N_ELEMENTS (frames); i++)
    {
      const LkOutputFacts *fact = g_hash_table_lookup (facts, frames[i].name);
      g_autofree char *hash = hash_of (lk_output_item_get_path (g_ptr_array_index (items, i)));

      g_assert_nonnull (fact);
      g_assert_cmpfloat (fact->consistency, <, 0);
      if (frames[i].mei >= 0)
        store_score (catalog, mei_id, hash, fact->output_id, frames[i].mei);
      if (frames[i].goblin >= 0)
        store_score (catalog, goblin_id, hash, fact->output_id, frames[i].goblin);
    }

  g_clear_pointer (&facts, g_hash_table_unref);
  facts = list_facts (catalog);
  g_assert_cmpfloat_with_epsilon (((LkOutputFacts *)g_hash_table_lookup (
                                     facts, "outlier_00001_.png"))->consistency, 0.93, 1e-9);
  g_assert_cmpfloat (((LkOutputFacts *)g_hash_table_lookup (
                        facts, "unscored_new_00001_.png"))->consistency, <, 0);

  filter = lk_output_filter_new (folder);
  lk_output_filter_set_facts (filter, facts);
  lk_output_filter_set_character_id (filter, mei_id);

  g_ptr_array_sort_with_data (items, compare_outliers, filter);
  for (guint i = 0; i < items->len; i++)
    g_assert_cmpstr (lk_output_item_get_basename (g_ptr_array_index (items, i)), ==,
                     outliers_first[i]);

  g_ptr_array_sort_with_data (items, compare_newest, filter);
  for (guint i = 0; i < items->len; i++)
    g_assert_cmpstr (lk_output_item_get_basename (g_ptr_array_index (items, i)), ==,
                     newest_first[i]);

  /* Without the catalog nothing is scored: outliers first falls back to newest first. */
  lk_output_filter_set_facts (filter, NULL);
  g_ptr_array_sort_with_data (items, compare_outliers, filter);
  for (guint i = 0; i < items->len; i++)
    g_assert_cmpstr (lk_output_item_get_basename (g_ptr_array_index (items, i)), ==,
                     newest_first[i]);

  /* The viewer reads one frame's score by its content hash, reviewed or not. */
  {
    g_autofree char *outlier_hash = NULL;
    g_autofree char *unscored_hash = NULL;

    for (guint i = 0; i < items->len; i++)
      {
        LkOutputItem *item = g_ptr_array_index (items, i);

        if (g_str_equal (lk_output_item_get_basename (item), "outlier_00001_.png"))
          outlier_hash = hash_of (lk_output_item_get_path (item));
        else if (g_str_equal (lk_output_item_get_basename (item), "unscored_new_00001_.png"))
          unscored_hash = hash_of (lk_output_item_get_path (item));
      }
    found = lookup_score (catalog, mei_id, outlier_hash);
    g_assert_nonnull (found);
    g_assert_cmpfloat_with_epsilon (found->score.score, 0.93, 1e-9);
    g_assert_cmpuint (found->score.n_references, ==, 3);
    g_assert_cmpstr (found->filename, ==, "outlier_00001_.png");
    missing = lookup_score (catalog, mei_id, unscored_hash);
    g_assert_null (missing);
  }

  for (guint i = 0; i < items->len; i++)
    g_unlink (lk_output_item_get_path (g_ptr_array_index (items, i)));
  g_rmdir (folder);
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
  demo_lora_path = g_canonicalize_filename (argv[1], NULL);
  lk_test_pg_require ();

  g_test_add_func ("/review/hash/survives-rename", test_review_survives_rename);
  g_test_add_func ("/review/undo/restores-previous-review", test_undo_restores_previous_review);
  g_test_add_func ("/review/check/mei-lora-on-rina-frame-warns",
                   test_mei_lora_on_rina_frame_warns);
  g_test_add_func ("/review/check/frame-found-by-output-and-listed",
                   test_mei_frame_found_by_output_and_listed);
  g_test_add_func ("/review/filter/character-project-review-date-kind-text",
                   test_filter_by_catalog_facts);
  g_test_add_func ("/review/sort/outliers-first", test_sort_outliers_first);

  return g_test_run ();
}
