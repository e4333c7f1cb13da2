/* lk-cli-train.c
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* LoRA training from a terminal: `train export` (the kohya folder, lint findings and the
 * command) and `train run` (the trainer, its progress, and the trained LoRA registered and
 * assigned). */

#include "config.h"

#include <glib/gi18n.h>
#include <glib-unix.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>

#include "lk-catalog-references.h"
#include "lk-catalog-training-runs.h"
#include "lk-catalog-training.h"
#include "lk-cli-catalog.h"
#include "lk-cli-verbs.h"
#include "lk-trainer-run.h"
#include "lk-training-set.h"

/* train ------------------------------------------------------------------------------------ */

typedef struct
{
  int    repeats;
  int    epochs;
  int    dim;
  int    alpha;
  int    resolution;
  char  *trigger;
  char  *class_word;
  char **outfits;
  char  *scripts_dir;
  char  *python;
  char  *lora_folder;
} TrainOptions;

static void
train_options_clear (TrainOptions *options)
{
  g_free (options->trigger);
  g_free (options->class_word);
  g_strfreev (options->outfits);
  g_free (options->scripts_dir);
  g_free (options->python);
  g_free (options->lora_folder);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (TrainOptions, train_options_clear)

static LkTrainingSet *
build_set (LkCliSession  *session,
           LkCharacter   *character,
           TrainOptions  *options,
           GError       **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(LkTrainingInfo) info = NULL;
  g_autoptr(GListModel) images = NULL;
  g_autoptr(LkTrainingSet) set = NULL;
  g_autofree char *output_name = NULL;
  g_autoptr(GAsyncResult) listed = NULL;
  LkCliWait wait = LK_CLI_WAIT_INIT;
  LkCliWait list_wait = LK_CLI_WAIT_INIT;

  if ((options->trigger != NULL && *g_strstrip (options->trigger) == '\0')
      || (options->class_word != NULL && *g_strstrip (options->class_word) == '\0'))
    {
      g_set_error_literal (error, LK_TRAINING_ERROR, LK_TRAINING_ERROR_INVALID,
                           _("--trigger and --class need a word; leave them out for the "
                             "character's own."));
      return NULL;
    }

  lk_catalog_get_training_info_async (session->catalog, lk_character_get_id (character), NULL,
                                      lk_cli_wait_cb, &wait);
  result = lk_cli_wait_run (&wait);
  if (!(info = lk_catalog_get_training_info_finish (session->catalog, result, error)))
    return NULL;
  lk_catalog_list_reference_images_async (session->catalog, lk_character_get_id (character),
                                          NULL, lk_cli_wait_cb, &list_wait);
  listed = lk_cli_wait_run (&list_wait);
  if (!(images = lk_catalog_list_reference_images_finish (session->catalog, listed, error)))
    return NULL;

  set = lk_training_set_new (info->character_name,
                             options->trigger ? options->trigger : info->trigger_word,
                             options->class_word ? options->class_word : info->class_word);
  lk_training_set_set_traits (set, (const char * const *)info->traits);
  lk_training_set_set_base_checkpoint (set, info->checkpoint_path,
                                       g_strcmp0 (info->checkpoint_family, "sdxl") == 0);
  output_name = lk_training_set_default_output_name (info->character_name, info->next_version);
  lk_training_set_set_output_name (set, output_name);
  if (options->repeats > 0)
    lk_training_set_set_repeats (set, (guint)options->repeats);
  if (options->epochs > 0)
    lk_training_set_set_epochs (set, (guint)options->epochs);
  if (options->dim > 0 || options->alpha > 0)
    {
      guint dim = options->dim > 0 ? (guint)options->dim : lk_training_set_get_network_dim (set);

      lk_training_set_set_network (set, dim, options->alpha > 0 ? (guint)options->alpha
                                                                : MAX (dim / 2, 1));
    }
  if (options->resolution > 0)
    {
      if (options->resolution < 256 || options->resolution % 64 != 0)
        {
          g_set_error (error, LK_TRAINING_ERROR, LK_TRAINING_ERROR_INVALID,
                       _("--resolution must be a multiple of 64, at least 256 (not %d)."),
                       options->resolution);
          return NULL;
        }
      lk_training_set_set_resolution (set, (guint)options->resolution);
    }
  /* the character's stored outfits; --outfit adds to them or overrides their repeats */
  for (guint i = 0; i < info->outfits->len; i++)
    {
      LkOutfitTrigger *outfit = g_ptr_array_index (info->outfits, i);

      lk_training_set_add_outfit (set, outfit->trigger, outfit->repeats);
    }
  for (guint i = 0; options->outfits && options->outfits[i]; i++)
    {
      g_auto(GStrv) parts = g_strsplit (options->outfits[i], "=", 2);
      guint64 repeats = parts[1] ? g_ascii_strtoull (parts[1], NULL, 10)
                                 : lk_training_set_get_repeats (set);

      if (*parts[0] == '\0' || repeats == 0)
        {
          g_set_error (error, LK_TRAINING_ERROR, LK_TRAINING_ERROR_INVALID,
                       _("--outfit takes TRIGGER or TRIGGER=REPEATS (not “%s”)."),
                       options->outfits[i]);
          return NULL;
        }
      lk_training_set_add_outfit (set, parts[0], (guint)MIN (repeats, 1000));
    }

  for (guint i = 0; i < g_list_model_get_n_items (images); i++)
    {
      g_autoptr(LkReferenceImage) image = g_list_model_get_item (images, i);

      if (lk_reference_image_get_role (image) == LK_REFERENCE_ROLE_TRAINING_IMAGE)
        lk_training_set_add_image (set, image);
    }

  return g_steal_pointer (&set);
}

static gboolean
print_findings (LkTrainingSet *set)
{
  g_autoptr(GPtrArray) findings = lk_training_set_lint (set);
  gboolean blocking = FALSE;

  for (guint i = 0; i < findings->len; i++)
    {
      LkTrainingFinding *finding = g_ptr_array_index (findings, i);

      printf ("%s %s\n    %s\n", finding->blocking ? _("Error:") : _("Warning:"),
              finding->message, finding->fix);
      blocking |= finding->blocking;
    }
  if (findings->len == 0)
    printf ("%s\n", _("Captions look fine."));

  return !blocking;
}

static char *
join_command (char **argv)
{
  GString *line = g_string_new (NULL);

  for (guint i = 0; argv[i]; i++)
    {
      g_autofree char *quoted = g_shell_quote (argv[i]);

      g_string_append_printf (line, "%s%s", i > 0 ? " " : "", quoted);
    }
  return g_string_free (line, FALSE);
}

static char **
export_set (LkTrainingSet  *set,
            const char     *dir,
            TrainOptions   *options,
            GError        **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  LkCliWait wait = LK_CLI_WAIT_INIT;

  lk_training_set_export_async (set, dir, options->python, options->scripts_dir, NULL,
                                lk_cli_wait_cb, &wait);
  result = lk_cli_wait_run (&wait);
  return lk_training_set_export_finish (set, result, error);
}

static gint64
record_export (LkCliSession  *session,
               LkCharacter   *character,
               LkTrainingSet *set,
               const char    *dir,
               char         **command)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  LkCliWait wait = LK_CLI_WAIT_INIT;
  gint64 run_id;

  lk_catalog_add_training_run_async (session->catalog, lk_character_get_id (character),
                                     lk_training_set_get_output_name (set), dir,
                                     (const char * const *)command, g_get_user_name (), NULL,
                                     lk_cli_wait_cb, &wait);
  result = lk_cli_wait_run (&wait);
  if ((run_id = lk_catalog_add_training_run_finish (session->catalog, result, &error)) == 0)
    g_printerr (_("lorakeet-cli: warning: the export was not recorded in the catalog: %s\n"),
                error->message);
  return run_id;
}

static void
record_outcome (LkCliSession *session,
                gint64        run_id,
                const char   *status,
                const char   *log,
                gint64        model_id,
                const GError *failure)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  LkCliWait wait = LK_CLI_WAIT_INIT;

  if (run_id == 0)
    return;

  lk_catalog_update_training_run_async (session->catalog, run_id, status, log, model_id,
                                        failure ? failure->message : NULL, NULL, lk_cli_wait_cb,
                                        &wait);
  result = lk_cli_wait_run (&wait);
  if (!lk_catalog_update_training_run_finish (session->catalog, result, &error))
    g_printerr (_("lorakeet-cli: warning: the run was not recorded in the catalog: %s\n"),
                error->message);
}

static void
progress_cb (LkTrainerRun *run,
             const char   *line,
             gpointer      user_data)
{
  LkTrainerProgress progress;

  if (!lk_trainer_parse_line (line, &progress))
    return;

  if (progress.epoch > 0)
    printf (_("Epoch %d of %d\n"), progress.epoch, progress.total_epochs);
  else if (progress.step >= 0 && progress.loss >= 0)
    printf (_("Step %lld of %lld, loss %.4f\n"), (long long)progress.step,
            (long long)progress.total_steps, progress.loss);
  fflush (stdout);
}

/* `train run` --------------------------------------------------------------------------------- */

/* What a shell reports for a command stopped by Ctrl-C (128 + SIGINT). */
#define EXIT_INTERRUPTED 130

/* Ctrl-C or SIGTERM: the trainer runs in a session of its own, so only we can stop it. */
static gboolean
interrupted_cb (gpointer user_data)
{
  LkTrainerRun *run = user_data;

  if (lk_trainer_run_get_state (run) == LK_TRAINER_STATE_RUNNING)
    {
      g_printerr ("%s\n", _("lorakeet-cli: stopping the trainer…"));
      lk_trainer_run_cancel (run);
    }
  return G_SOURCE_CONTINUE;
}

/* Where the trainer lives, so `train status` (and the app) can follow it from elsewhere. */
static void
record_process (LkCliSession *session,
                gint64        run_id,
                LkTrainerRun *run)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  LkCliWait wait = LK_CLI_WAIT_INIT;

  if (run_id == 0)
    return;

  lk_catalog_set_training_run_process_async (session->catalog, run_id,
                                             lk_trainer_run_get_log_path (run),
                                             g_get_host_name (), lk_trainer_run_get_pid (run),
                                             lk_trainer_run_get_status_path (run), NULL,
                                             lk_cli_wait_cb, &wait);
  result = lk_cli_wait_run (&wait);
  if (!lk_catalog_set_training_run_process_finish (session->catalog, result, &error))
    g_printerr (_("lorakeet-cli: warning: the run was not recorded in the catalog: %s\n"),
                error->message);
}

static int
train_run (LkCliSession  *session,
           LkCharacter   *character,
           LkTrainingSet *set,
           const char    *dir,
           char         **argv,
           TrainOptions  *options,
           gint64         run_id)
{
  g_autofree char *model = g_strconcat (lk_training_set_get_output_name (set), ".safetensors",
                                        NULL);
  g_autofree char *output = g_build_filename (dir, "model", model, NULL);
  g_autofree char *log_name = g_strconcat (lk_training_set_get_output_name (set), ".log", NULL);
  g_autofree char *log = g_build_filename (dir, "log", log_name, NULL);
  g_autoptr(LkTrainerRun) run = lk_trainer_run_new ((const char * const *)argv, log, output);
  g_autoptr(GAsyncResult) trained = NULL;
  g_autoptr(GAsyncResult) registered = NULL;
  g_autoptr(LkResolution) resolution = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  LkCliWait run_wait = LK_CLI_WAIT_INIT;
  LkCliWait register_wait = LK_CLI_WAIT_INIT;
  guint sigint_id, sigterm_id;
  LkModel *lora;

  g_signal_connect (run, "output-line", G_CALLBACK (progress_cb), NULL);
  sigint_id = g_unix_signal_add (SIGINT, interrupted_cb, run);
  sigterm_id = g_unix_signal_add (SIGTERM, interrupted_cb, run);
  lk_trainer_run_start_async (run, NULL, lk_cli_wait_cb, &run_wait);
  if (lk_trainer_run_get_state (run) == LK_TRAINER_STATE_RUNNING)
    record_process (session, run_id, run);
  trained = lk_cli_wait_run (&run_wait);
  g_clear_handle_id (&sigint_id, g_source_remove);
  g_clear_handle_id (&sigterm_id, g_source_remove);
  if (!(path = lk_trainer_run_start_finish (run, trained, &error)))
    {
      gboolean cancelled = g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);

      lk_cli_print_error (error);
      record_outcome (session, run_id,
                      cancelled ? "cancelled"
                                : lk_trainer_run_get_state (run) == LK_TRAINER_STATE_INTERRUPTED
                                    ? "interrupted" : "failed",
                      log, 0, error);
      return cancelled ? EXIT_INTERRUPTED : LK_CLI_EXIT_FAILED;
    }
  printf (_("Trained %s; the log is in %s.\n"), path, log);

  lk_catalog_register_trained_lora_async (session->catalog, lk_character_get_id (character),
                                          path, options->lora_folder, g_get_user_name (), NULL,
                                          lk_cli_wait_cb, &register_wait);
  registered = lk_cli_wait_run (&register_wait);
  if (!(resolution = lk_catalog_register_trained_lora_finish (session->catalog, registered,
                                                              &error)))
    {
      record_outcome (session, run_id, "failed", log, 0, error);
      return lk_cli_fail (error);
    }

  lora = lk_resolution_get_lora (resolution);
  record_outcome (session, run_id, "succeeded", log, lora ? lk_model_get_id (lora) : 0, NULL);
  printf (_("Registered %s and assigned it to %s.\n"),
          lora ? lk_model_get_name (lora) : model, lk_character_get_name (character));
  return LK_CLI_EXIT_OK;
}

/* `train status` ------------------------------------------------------------------------------ */

static void
print_runs_json (GPtrArray *runs)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_array (builder);
  for (guint i = 0; i < runs->len; i++)
    {
      LkTrainingRunRecord *record = g_ptr_array_index (runs, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "id");
      json_builder_add_int_value (builder, record->id);
      lk_cli_json_add_string (builder, "output_name", record->output_name);
      lk_cli_json_add_string (builder, "status", record->status);
      lk_cli_json_add_string (builder, "export_dir", record->export_dir);
      lk_cli_json_add_string (builder, "log_path", record->log_path);
      lk_cli_json_add_string (builder, "error", record->error_message);
      lk_cli_json_add_string (builder, "host", record->host);
      json_builder_set_member_name (builder, "pid");
      if (record->pid > 0)
        json_builder_add_int_value (builder, record->pid);
      else
        json_builder_add_null_value (builder);
      json_builder_set_member_name (builder, "model_id");
      if (record->model_id > 0)
        json_builder_add_int_value (builder, record->model_id);
      else
        json_builder_add_null_value (builder);
      lk_cli_json_add_string (builder, "created_by", record->created_by);
      lk_cli_json_add_time (builder, "created_at", record->created_at);
      lk_cli_json_add_time (builder, "finished_at", record->finished_at);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  lk_cli_print_builder (builder);
}

static void
print_runs (LkCharacter *character,
            GPtrArray   *runs)
{
  if (runs->len == 0)
    printf (_("%s has no training runs; “train run” starts one.\n"),
            lk_character_get_name (character));

  for (guint i = 0; i < runs->len; i++)
    {
      LkTrainingRunRecord *record = g_ptr_array_index (runs, i);
      g_autofree char *created = g_date_time_format (record->created_at, "%Y-%m-%d %H:%M");

      printf ("#%-5" G_GINT64_FORMAT " %-24s %-12s %s", record->id, record->output_name,
              record->status, created);
      if (g_str_equal (record->status, "running") && record->host != NULL)
        printf (_(" (on %s, process %d)"), record->host, record->pid);
      printf ("\n");
      if (record->error_message != NULL)
        printf ("       %s\n", record->error_message);
      else if (record->log_path != NULL)
        printf (_("       log: %s\n"), record->log_path);
    }
}

/* Lists a character's runs, after bringing this computer's running ones up to date. */
static int
train_status (LkCliContext  *ctx,
              int            argc,
              char         **argv)
{
  g_auto(LkCliSession) session = { 0 };
  g_autoptr(LkCharacter) character = NULL;
  g_autoptr(GAsyncResult) reconciled = NULL;
  g_autoptr(GAsyncResult) listed = NULL;
  g_autoptr(GPtrArray) runs = NULL;
  g_autoptr(GError) error = NULL;
  LkCliWait reconcile_wait = LK_CLI_WAIT_INIT;
  LkCliWait list_wait = LK_CLI_WAIT_INIT;
  const GOptionEntry entries[] = { { NULL } };

  if (!lk_cli_parse_options (ctx, &argc, &argv, entries, "status CHARACTER",
                             _("Show a character's training runs and how they went")))
    return LK_CLI_EXIT_USAGE;
  if (argc != 3)
    {
      g_printerr ("%s\n", _("Usage: lorakeet-cli train status CHARACTER"));
      return LK_CLI_EXIT_USAGE;
    }

  if (!lk_cli_session_open (&session, ctx, LK_CATALOG_OPEN_NONE, &error)
      || !(character = lk_cli_find_character (&session, argv[2], &error)))
    return lk_cli_fail (error);

  lk_catalog_reconcile_training_runs_async (session.catalog, lk_character_get_id (character),
                                            NULL, lk_cli_wait_cb, &reconcile_wait);
  reconciled = lk_cli_wait_run (&reconcile_wait);
  /* a read-only catalog can still be listed, as it was last recorded */
  if (lk_catalog_reconcile_training_runs_finish (session.catalog, reconciled, &error) < 0)
    {
      g_printerr (_("lorakeet-cli: warning: the running runs were not brought up to date: %s\n"),
                  error->message);
      g_clear_error (&error);
    }

  lk_catalog_list_training_runs_async (session.catalog, lk_character_get_id (character), 0,
                                       NULL, lk_cli_wait_cb, &list_wait);
  listed = lk_cli_wait_run (&list_wait);
  if (!(runs = lk_catalog_list_training_runs_finish (session.catalog, listed, &error)))
    return lk_cli_fail (error);

  if (ctx->json)
    print_runs_json (runs);
  else
    print_runs (character, runs);
  return LK_CLI_EXIT_OK;
}

/* An environment variable set to something, or NULL. */
static char *
dup_setting (const char *variable)
{
  const char *value = g_getenv (variable);

  return value != NULL && *value != '\0' ? g_strdup (value) : NULL;
}

int
lk_cli_train (LkCliContext  *ctx,
              int            argc,
              char         **argv)
{
  g_auto(LkCliSession) session = { 0 };
  g_auto(TrainOptions) options = { 0 };
  g_autoptr(LkCharacter) character = NULL;
  g_autoptr(LkTrainingSet) set = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) command = NULL;
  g_autofree char *line = NULL;
  g_autofree char *dir = NULL;
  gboolean run;
  gint64 run_id;
  const GOptionEntry entries[] = {
    { "repeats", 0, 0, G_OPTION_ARG_INT, &options.repeats, N_("Repeats of each image (10)"), "N" },
    { "epochs", 0, 0, G_OPTION_ARG_INT, &options.epochs, N_("Epochs (10)"), "N" },
    { "dim", 0, 0, G_OPTION_ARG_INT, &options.dim, N_("Network dimension (32)"), "N" },
    { "alpha", 0, 0, G_OPTION_ARG_INT, &options.alpha, N_("Network alpha (half the dim)"), "N" },
    { "resolution", 0, 0, G_OPTION_ARG_INT, &options.resolution, N_("Resolution (1024)"), "PX" },
    { "trigger", 0, 0, G_OPTION_ARG_STRING, &options.trigger, N_("The trigger word"), "WORD" },
    { "class", 0, 0, G_OPTION_ARG_STRING, &options.class_word, N_("The class word"), "WORD" },
    { "outfit", 0, 0, G_OPTION_ARG_STRING_ARRAY, &options.outfits,
      N_("An outfit trigger with its own repeats"), "TRIGGER[=REPEATS]" },
    { "sd-scripts", 0, 0, G_OPTION_ARG_FILENAME, &options.scripts_dir,
      N_("The sd-scripts folder (default LORAKEET_SD_SCRIPTS)"), "DIR" },
    { "python", 0, 0, G_OPTION_ARG_FILENAME, &options.python,
      N_("The Python of sd-scripts (default LORAKEET_SD_SCRIPTS_PYTHON, else python3)"), "PATH" },
    { "lora-folder", 0, 0, G_OPTION_ARG_FILENAME, &options.lora_folder,
      N_("The LoRA folder of the ComfyUI servers (default LORAKEET_LORA_FOLDER)"), "DIR" },
    { NULL }
  };

  if (argc >= 2 && g_str_equal (argv[1], "outfit"))
    return lk_cli_train_outfits (ctx, argc, argv);
  if (argc >= 2 && g_str_equal (argv[1], "status"))
    return train_status (ctx, argc, argv);

  if (!lk_cli_parse_options (ctx, &argc, &argv, entries,
                             "export CHARACTER DIR | run CHARACTER DIR | outfit …",
                             _("Export a character's training set for kohya, or train its LoRA")))
    return LK_CLI_EXIT_USAGE;

  if (argc != 4 || !(g_str_equal (argv[1], "export") || g_str_equal (argv[1], "run")))
    {
      g_printerr ("%s\n", _("Usage: lorakeet-cli train export CHARACTER DIR [--repeats N] "
                            "[--epochs N] [--dim N] [--alpha N] [--outfit TRIGGER=N]…\n"
                            "       lorakeet-cli train run CHARACTER DIR [--sd-scripts DIR] "
                            "[--python PATH] [--lora-folder DIR]\n"
                            "       lorakeet-cli train outfit add|remove|list CHARACTER "
                            "[TRIGGER] [--repeats N]\n"
                            "       lorakeet-cli train status CHARACTER"));
      return LK_CLI_EXIT_USAGE;
    }
  run = g_str_equal (argv[1], "run");

  if (options.scripts_dir == NULL)
    options.scripts_dir = dup_setting ("LORAKEET_SD_SCRIPTS");
  if (options.python == NULL)
    options.python = dup_setting ("LORAKEET_SD_SCRIPTS_PYTHON");
  if (options.lora_folder == NULL)
    options.lora_folder = dup_setting ("LORAKEET_LORA_FOLDER");
  if (run && options.scripts_dir == NULL)
    {
      g_printerr ("%s\n", _("lorakeet-cli: no sd-scripts folder is set. Pass --sd-scripts DIR "
                            "(or set LORAKEET_SD_SCRIPTS), or use “train export” and run the "
                            "command it prints."));
      return LK_CLI_EXIT_USAGE;
    }
  if (run && options.python == NULL)
    options.python = g_strdup ("python3");

  if (!lk_cli_session_open (&session, ctx, LK_CATALOG_OPEN_NONE, &error)
      || !(character = lk_cli_find_character (&session, argv[2], &error))
      || !(set = build_set (&session, character, &options, &error)))
    return lk_cli_fail (error);

  printf (_("Training set of %s: %u images, output %s\n"), lk_character_get_name (character),
          g_list_model_get_n_items (lk_training_set_get_images (set)),
          lk_training_set_get_output_name (set));
  if (!print_findings (set))
    {
      g_printerr ("%s\n", _("lorakeet-cli: nothing was exported; fix the errors above (for "
                            "example with “references add … --caption”) and try again."));
      return LK_CLI_EXIT_FAILED;
    }

  dir = g_canonicalize_filename (argv[3], NULL);
  if (!(command = export_set (set, dir, &options, &error)))
    {
      lk_cli_print_error (error);
      return LK_CLI_EXIT_FAILED;
    }
  line = join_command (command);
  printf (_("Exported to %s. The trainer's command:\n%s\n"), dir, line);
  fflush (stdout);
  run_id = record_export (&session, character, set, dir, command);

  if (!run)
    return LK_CLI_EXIT_OK;

  return train_run (&session, character, set, dir, command, &options, run_id);
}
