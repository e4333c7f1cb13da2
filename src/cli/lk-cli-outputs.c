/* lk-cli-outputs.c
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "lk-catalog-outputs.h"
#include "lk-cli-catalog.h"
#include "lk-cli-verbs.h"
#include "lk-file-hash.h"
#include "lk-provenance.h"

/* provenance ----------------------------------------------------------------------------- */

static void
print_provenance (LkProvenance *provenance)
{
  const char * const *warnings = lk_provenance_get_warnings (provenance);
  guint64 seed = 0;
  guint width = 0, height = 0;

  printf ("%s\n", lk_provenance_get_path (provenance));
  if (!lk_provenance_get_has_metadata (provenance))
    printf ("  %s\n", lk_provenance_get_summary (provenance));
  else
    {
      printf ("  %-12s %s\n", _("Checkpoint"),
              lk_provenance_get_checkpoint (provenance) ? lk_provenance_get_checkpoint (provenance)
                                                        : "—");
      if (lk_provenance_get_n_loras (provenance) == 0)
        printf ("  %-12s %s\n", _("LoRA"), _("none (base model only)"));
      for (guint i = 0; i < lk_provenance_get_n_loras (provenance); i++)
        {
          const LkProvenanceLora *lora = lk_provenance_get_lora (provenance, i);

          if (lora->model_only)
            printf ("  %-12s %s (%.2g)\n", _("LoRA"), lora->name ? lora->name : "—",
                    lora->strength_model);
          else
            printf ("  %-12s %s (%.2g/%.2g)\n", _("LoRA"), lora->name ? lora->name : "—",
                    lora->strength_model, lora->strength_clip);
        }
      if (lk_provenance_get_seed (provenance, &seed))
        printf ("  %-12s %" G_GUINT64_FORMAT "\n", _("Seed"), seed);
      if (lk_provenance_get_sampler_name (provenance) != NULL)
        printf ("  %-12s %s, %s, %u steps, CFG %.3g\n", _("Sampler"),
                lk_provenance_get_sampler_name (provenance),
                lk_provenance_get_scheduler (provenance) ? lk_provenance_get_scheduler (provenance)
                                                         : "—",
                lk_provenance_get_steps (provenance), lk_provenance_get_cfg (provenance));
      if (lk_provenance_get_positive (provenance) != NULL)
        printf ("  %-12s %s\n", _("Prompt"), lk_provenance_get_positive (provenance));
      if (lk_provenance_get_negative (provenance) != NULL)
        printf ("  %-12s %s\n", _("Negative"), lk_provenance_get_negative (provenance));
    }
  if (lk_provenance_get_size (provenance, &width, &height))
    printf ("  %-12s %u×%u\n", _("Size"), width, height);
  if (lk_provenance_get_job_tag (provenance) != NULL)
    printf ("  %-12s %s\n", _("Job tag"), lk_provenance_get_job_tag (provenance));
  for (guint i = 0; warnings[i] != NULL; i++)
    printf ("  %-12s %s\n", _("Warning"), warnings[i]);
}

static void
print_check (LkFrameCheck *check)
{
  if (check->job_id > 0)
    printf ("  %-12s %" G_GINT64_FORMAT " (%s)\n", _("Job"), check->job_id,
            check->job_status ? check->job_status : "—");
  if (check->character_name != NULL)
    printf ("  %-12s %s%s%s%s\n", _("Character"), check->character_name,
            check->project_name ? " (" : "", check->project_name ? check->project_name : "",
            check->project_name ? ")" : "");
  if (check->profile_name != NULL)
    printf ("  %-12s %s\n", _("Profile"), check->profile_name);
  if (check->created_at != NULL)
    {
      g_autofree char *submitted = lk_cli_format_time (check->created_at);

      printf ("  %-12s %s%s%s\n", _("Submitted"), submitted,
              check->created_by ? ", " : "", check->created_by ? check->created_by : "");
    }
  if (check->server_url != NULL)
    printf ("  %-12s %s\n", _("Server"), check->server_url);
  if (check->job_error != NULL)
    printf ("  %-12s %s\n", _("Job error"), check->job_error);
  if (check->verdict == LK_LORA_VERDICT_OK)
    printf ("  %-12s %s\n", _("LoRA check"), _("made with the character’s own LoRA"));
  else if (check->message != NULL)
    printf ("  %-12s %s\n", check->verdict == LK_LORA_VERDICT_UNKNOWN ? _("LoRA check")
                                                                      : _("WARNING"),
            check->message);
}

static JsonNode *
check_to_json (LkFrameCheck *check)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "job_id");
  if (check->job_id > 0)
    json_builder_add_int_value (builder, check->job_id);
  else
    json_builder_add_null_value (builder);
  lk_cli_json_add_string (builder, "prompt_id", check->prompt_id);
  lk_cli_json_add_string (builder, "status", check->job_status);
  lk_cli_json_add_string (builder, "character", check->character_name);
  lk_cli_json_add_string (builder, "project", check->project_name);
  lk_cli_json_add_string (builder, "profile", check->profile_name);
  lk_cli_json_add_string (builder, "server", check->server_url);
  lk_cli_json_add_string (builder, "created_by", check->created_by);
  lk_cli_json_add_time (builder, "created_at", check->created_at);
  lk_cli_json_add_time (builder, "finished_at", check->finished_at);
  lk_cli_json_add_string (builder, "error", check->job_error);
  lk_cli_json_add_strv (builder, "character_loras", (const char * const *)check->character_loras);
  lk_cli_json_add_string (builder, "lora_verdict", lk_lora_verdict_to_string (check->verdict));
  lk_cli_json_add_string (builder, "message", check->message);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

int
lk_cli_provenance (LkCliContext  *ctx,
                   int            argc,
                   char         **argv)
{
  g_auto(LkCliSession) session = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(LkProvenance) provenance = NULL;
  g_autoptr(LkFrameCheck) check = NULL;
  g_autoptr(GAsyncResult) loaded = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *basename = NULL;
  LkCliWait wait = LK_CLI_WAIT_INIT;
  gboolean offline = FALSE;
  const GOptionEntry entries[] = {
    { "offline", 0, 0, G_OPTION_ARG_NONE, &offline,
      N_("Only the frame’s own facts; do not consult the catalog"), NULL },
    { NULL }
  };

  if (!lk_cli_parse_options (ctx, &argc, &argv, entries, "FILE",
                             _("Show which checkpoint, LoRA, seed and prompt made a frame")))
    return LK_CLI_EXIT_USAGE;
  if (argc != 2)
    {
      g_printerr ("%s\n", _("Usage: lorakeet-cli provenance FILE [--offline] [--json]"));
      return LK_CLI_EXIT_USAGE;
    }

  file = g_file_new_for_commandline_arg (argv[1]);
  lk_provenance_load_async (file, NULL, lk_cli_wait_cb, &wait);
  loaded = lk_cli_wait_run (&wait);
  if (!(provenance = lk_provenance_load_finish (loaded, &error)))
    {
      lk_cli_print_error (error);
      return LK_CLI_EXIT_FAILED;
    }

  /* The catalog adds the job, the character and the LoRA verdict when it can be reached;
   * without it the frame's own facts are still the answer. */
  if (!offline)
    {
      if (lk_cli_session_open (&session, ctx, LK_CATALOG_OPEN_NONE, &error))
        {
          g_autoptr(GAsyncResult) checked = NULL;
          LkCliWait check_wait = LK_CLI_WAIT_INIT;

          basename = g_file_get_basename (file);
          lk_catalog_check_frame_async (session.catalog, provenance, basename, NULL,
                                        lk_cli_wait_cb, &check_wait);
          checked = lk_cli_wait_run (&check_wait);
          check = lk_catalog_check_frame_finish (session.catalog, checked, &error);
        }
      if (error != NULL)
        g_printerr (_("lorakeet-cli: without the catalog: %s\n"), error->message);
    }

  if (ctx->json)
    {
      root = lk_provenance_to_json (provenance);
      json_object_set_member (json_node_get_object (root), "catalog",
                              check ? check_to_json (check) : json_node_new (JSON_NODE_NULL));
      lk_cli_print_json (root);
    }
  else
    {
      print_provenance (provenance);
      if (check != NULL)
        print_check (check);
    }

  if (check != NULL && check->verdict != LK_LORA_VERDICT_OK
      && check->verdict != LK_LORA_VERDICT_UNKNOWN)
    return LK_CLI_EXIT_FAILED;
  return LK_CLI_EXIT_OK;
}

/* outputs -------------------------------------------------------------------------------- */

static void
add_review (JsonBuilder          *builder,
            const char           *member,
            const LkOutputReview *review)
{
  json_builder_set_member_name (builder, member);
  if (review == NULL)
    {
      json_builder_add_null_value (builder);
      return;
    }
  json_builder_begin_object (builder);
  lk_cli_json_add_string (builder, "verdict", lk_review_verdict_to_string (review->verdict));
  json_builder_set_member_name (builder, "rating");
  if (review->rating > 0)
    json_builder_add_int_value (builder, review->rating);
  else
    json_builder_add_null_value (builder);
  lk_cli_json_add_string (builder, "note", review->note);
  lk_cli_json_add_string (builder, "by", review->reviewed_by);
  lk_cli_json_add_time (builder, "at", review->reviewed_at);
  lk_cli_json_add_string (builder, "content_hash", review->content_hash);
  json_builder_end_object (builder);
}

int
lk_cli_outputs (LkCliContext  *ctx,
                int            argc,
                char         **argv)
{
  g_auto(LkCliSession) session = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(LkCharacter) character = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autofree char *character_name = NULL;
  LkCliWait wait = LK_CLI_WAIT_INIT;
  const GOptionEntry entries[] = {
    { "character", 'c', 0, G_OPTION_ARG_STRING, &character_name,
      N_("Only this character’s outputs (name or id)"), "CHARACTER" },
    { NULL }
  };

  if (!lk_cli_parse_options (ctx, &argc, &argv, entries, "",
                             _("List recorded outputs with their character and review")))
    return LK_CLI_EXIT_USAGE;
  if (argc != 1)
    {
      g_printerr ("%s\n", _("Usage: lorakeet-cli outputs [--character CHARACTER] [--json]"));
      return LK_CLI_EXIT_USAGE;
    }

  if (!lk_cli_session_open (&session, ctx, LK_CATALOG_OPEN_NONE, &error))
    return lk_cli_fail (error);
  if (character_name != NULL
      && !(character = lk_cli_find_character (&session, character_name, &error)))
    return lk_cli_fail (error);

  lk_catalog_list_outputs_async (session.catalog,
                                 character ? lk_character_get_id (character) : 0,
                                 NULL, lk_cli_wait_cb, &wait);
  result = lk_cli_wait_run (&wait);
  if (!(records = lk_catalog_list_outputs_finish (session.catalog, result, &error)))
    return lk_cli_fail (error);

  json_builder_begin_array (builder);
  for (guint i = 0; i < records->len; i++)
    {
      LkOutputRecord *r = g_ptr_array_index (records, i);
      g_autofree char *path = r->subfolder && *r->subfolder
                              ? g_build_filename (r->subfolder, r->filename, NULL)
                              : g_strdup (r->filename);

      if (!ctx->json)
        {
          const char *state = r->review == NULL ? _("unreviewed")
                              : r->review->verdict == LK_REVIEW_VERDICT_APPROVED ? _("approved")
                              : r->review->verdict == LK_REVIEW_VERDICT_REJECTED ? _("rejected")
                              : _("rated");

          printf ("%-6" G_GINT64_FORMAT " %-6" G_GINT64_FORMAT " %-20s %-10s %s\n",
                  r->output_id, r->job_id, r->character_name ? r->character_name : "—",
                  state, path);
          continue;
        }

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "id");
      json_builder_add_int_value (builder, r->output_id);
      json_builder_set_member_name (builder, "job_id");
      json_builder_add_int_value (builder, r->job_id);
      lk_cli_json_add_string (builder, "file", path);
      lk_cli_json_add_string (builder, "kind", r->kind);
      lk_cli_json_add_time (builder, "created_at", r->created_at);
      lk_cli_json_add_string (builder, "character", r->character_name);
      lk_cli_json_add_string (builder, "job_status", r->job_status);
      add_review (builder, "review", r->review);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  if (ctx->json)
    lk_cli_print_builder (builder);

  return LK_CLI_EXIT_OK;
}

/* review --------------------------------------------------------------------------------- */

/* The recorded output @file is, found the way the viewer finds a frame's job (its job tag,
 * else its file name), so that `outputs` lists the review with it; 0 when not recorded. */
static gint64
find_output_id (LkCliSession *session,
                GFile        *file)
{
  g_autoptr(LkProvenance) provenance = NULL;
  g_autoptr(LkFrameCheck) check = NULL;
  g_autoptr(GAsyncResult) loaded = NULL;
  g_autoptr(GAsyncResult) checked = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *basename = g_file_get_basename (file);
  LkCliWait load_wait = LK_CLI_WAIT_INIT;
  LkCliWait check_wait = LK_CLI_WAIT_INIT;

  lk_provenance_load_async (file, NULL, lk_cli_wait_cb, &load_wait);
  loaded = lk_cli_wait_run (&load_wait);
  if (!(provenance = lk_provenance_load_finish (loaded, &error)))
    return 0;   /* a file that is not a frame is still reviewed, by its content */

  lk_catalog_check_frame_async (session->catalog, provenance, basename, NULL, lk_cli_wait_cb,
                                &check_wait);
  checked = lk_cli_wait_run (&check_wait);
  if (!(check = lk_catalog_check_frame_finish (session->catalog, checked, &error)))
    return 0;

  return check->output_id;
}

int
lk_cli_review (LkCliContext  *ctx,
               int            argc,
               char         **argv)
{
  g_auto(LkCliSession) session = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GAsyncResult) hashed = NULL;
  g_autoptr(GAsyncResult) current = NULL;
  g_autoptr(GAsyncResult) stored = NULL;
  g_autoptr(LkOutputReview) before = NULL;
  g_autoptr(LkOutputReview) previous = NULL;
  g_autofree char *hash = NULL;
  g_autofree char *note = NULL;
  g_autofree char *who = NULL;
  LkCliWait hash_wait = LK_CLI_WAIT_INIT;
  LkCliWait get_wait = LK_CLI_WAIT_INIT;
  LkCliWait set_wait = LK_CLI_WAIT_INIT;
  LkReviewVerdict verdict;
  gboolean approve = FALSE;
  gboolean reject = FALSE;
  int rating = -1;
  int rating_to_store;
  const GOptionEntry entries[] = {
    { "approve", 'a', 0, G_OPTION_ARG_NONE, &approve, N_("Approve the frame"), NULL },
    { "reject", 'x', 0, G_OPTION_ARG_NONE, &reject, N_("Reject the frame"), NULL },
    { "rating", 'r', 0, G_OPTION_ARG_INT, &rating, N_("Rate it from 1 to 5 (0 clears)"), "N" },
    { "note", 'n', 0, G_OPTION_ARG_STRING, &note, N_("A note for the studio"), "TEXT" },
    { "who", 0, 0, G_OPTION_ARG_STRING, &who, N_("Who reviews (default: your user name)"),
      "NAME" },
    { NULL }
  };

  if (!lk_cli_parse_options (ctx, &argc, &argv, entries, "FILE",
                             _("Approve, reject, rate or annotate a frame, for every artist")))
    return LK_CLI_EXIT_USAGE;
  if (argc != 2 || (approve && reject) || rating > 5
      || (!approve && !reject && rating < 0 && note == NULL))
    {
      g_printerr ("%s\n", _("Usage: lorakeet-cli review FILE --approve|--reject|--rating N|"
                            "--note TEXT"));
      return LK_CLI_EXIT_USAGE;
    }

  /* The review is keyed by the content, so it follows the file wherever it goes. */
  file = g_file_new_for_commandline_arg (argv[1]);
  lk_file_sha256_async (file, NULL, lk_cli_wait_cb, &hash_wait);
  hashed = lk_cli_wait_run (&hash_wait);
  if (!(hash = lk_file_sha256_finish (hashed, &error)))
    return lk_cli_fail (error);

  if (!lk_cli_session_open (&session, ctx, LK_CATALOG_OPEN_NONE, &error))
    return lk_cli_fail (error);

  /* Options not given keep what the review already says. */
  lk_catalog_get_review_async (session.catalog, hash, NULL, lk_cli_wait_cb, &get_wait);
  current = lk_cli_wait_run (&get_wait);
  if (!lk_catalog_get_review_finish (session.catalog, current, &before, &error))
    return lk_cli_fail (error);

  verdict = approve ? LK_REVIEW_VERDICT_APPROVED
            : reject ? LK_REVIEW_VERDICT_REJECTED
            : before ? before->verdict : LK_REVIEW_VERDICT_NONE;
  rating_to_store = rating >= 0 ? rating : before ? before->rating : 0;
  if (note == NULL && before != NULL)
    note = g_strdup (before->note);

  lk_catalog_replace_review_async (session.catalog, hash,
                                   before && before->output_id > 0
                                   ? before->output_id : find_output_id (&session, file),
                                   verdict, rating_to_store, note, who, NULL, lk_cli_wait_cb,
                                   &set_wait);
  stored = lk_cli_wait_run (&set_wait);
  if (!lk_catalog_replace_review_finish (session.catalog, stored, &previous, &error))
    return lk_cli_fail (error);

  if (ctx->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      lk_cli_json_add_string (builder, "content_hash", hash);
      lk_cli_json_add_string (builder, "verdict", lk_review_verdict_to_string (verdict));
      json_builder_set_member_name (builder, "rating");
      if (rating_to_store > 0)
        json_builder_add_int_value (builder, rating_to_store);
      else
        json_builder_add_null_value (builder);
      lk_cli_json_add_string (builder, "note", note);
      add_review (builder, "previous", previous);
      json_builder_end_object (builder);
      lk_cli_print_builder (builder);
    }
  else
    printf (_("Reviewed %s (%s).\n"), argv[1],
            lk_review_verdict_to_string (verdict) ? lk_review_verdict_to_string (verdict)
                                                  : _("no verdict"));

  return LK_CLI_EXIT_OK;
}
