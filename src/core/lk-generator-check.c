/* lk-generator-check.c
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The studio's troubleshooting steps ("is the LoraLoader there, is the LoRA assigned, is its
 * file where the catalog says and on the server, is the checkpoint set, is the strength sane,
 * are the nodes installed, does the LoRA suit the checkpoint"), for `lorakeet-cli check` and the
 * inspector, and the check of a template on its own. */

#undef G_LOG_DOMAIN
#define G_LOG_DOMAIN "lk-generator"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "lk-generator-private.h"
#include "lk-preflight.h"

/* ---- the studio's troubleshooting checks ------------------------------------------------- */

static void add_check (GListStore   *store,
                       const char   *id,
                       LkCheckLevel  level,
                       const char   *node_id,
                       const char   *fix,
                       const char   *format,
                       ...) G_GNUC_PRINTF (6, 7);

static void
add_check (GListStore   *store,
           const char   *id,
           LkCheckLevel  level,
           const char   *node_id,
           const char   *fix,
           const char   *format,
           ...)
{
  g_autofree char *message = NULL;
  g_autoptr(LkCheck) check = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  check = lk_check_new (id, level, node_id, message, fix);
  g_list_store_append (store, check);
}

/* The catalog's own words, so that its warning is not repeated under another id. */
static char *
no_lora_message (const char *name)
{
  return g_strdup_printf (_("“%s” has no LoRA of their own: they will be generated with the "
                            "base model only."), name);
}

static void
check_lora (LkGeneratorPlan *plan,
            GListStore      *store)
{
  const char *name = _lk_generator_character_name (plan->resolution);
  LkModel *lora = lk_resolution_get_lora (plan->resolution);
  const char *file_path;
  double strength = plan->strength_model;
  g_autofree char *fix = NULL;

  if (lora == NULL)
    {
      g_autofree char *message = no_lora_message (name);

      fix = g_strdup_printf (_("Assign one with “lorakeet-cli lora assign \"%s\" LORA”"), name);
      add_check (store, "lora-assigned", LK_CHECK_LEVEL_WARNING, NULL, fix, "%s", message);
      return;
    }

  add_check (store, "lora-assigned", LK_CHECK_LEVEL_OK, NULL, NULL,
             _("“%s” has a LoRA of their own: %s"), name, lk_model_get_name (lora));

  file_path = lk_model_get_file_path (lora);
  if (file_path == NULL || *file_path == '\0')
    add_check (store, "lora-file", LK_CHECK_LEVEL_WARNING, NULL,
               _("Scan the LoRA folder with “lorakeet-cli lora scan FOLDER”"),
               _("The catalog does not say where the file of the LoRA %s is"),
               lk_model_get_name (lora));
  else if (!g_file_test (file_path, G_FILE_TEST_IS_REGULAR))
    add_check (store, "lora-file", LK_CHECK_LEVEL_WARNING, NULL,
               _("Scan the LoRA folder again, or correct the model’s file path in the catalog"),
               _("The LoRA file %s, where the catalog says it is, is not on this machine"),
               file_path);
  else
    add_check (store, "lora-file", LK_CHECK_LEVEL_OK, NULL, NULL,
               _("The LoRA file is at %s"), file_path);

  if (strength == 0)
    add_check (store, "strength", LK_CHECK_LEVEL_WARNING, NULL,
               _("Use a strength around 0.8"),
               _("The LoRA strength is 0: the LoRA has no effect"));
  else if (strength < 0 || strength > 2)
    add_check (store, "strength", LK_CHECK_LEVEL_ERROR, NULL,
               _("Use a strength around 0.8"),
               _("The LoRA strength %.2g is outside the usual range 0–2: the character would be "
                 "distorted"), strength);
  else if (strength > 1.2)
    add_check (store, "strength", LK_CHECK_LEVEL_WARNING, NULL,
               _("Lower it towards 0.8 if faces look overcooked"),
               _("The LoRA strength %.2g is high"), strength);
  else
    add_check (store, "strength", LK_CHECK_LEVEL_OK, NULL, NULL,
               _("The LoRA strength %.2g (CLIP %.2g) is in the usual range"), strength,
               plan->strength_clip);
}

/* The studio's troubleshooting steps for a character, then @prepared's preflight checks. */
GListModel *
_lk_generator_character_checks (LkGenerator     *self,
                                LkGeneratorPlan *plan,
                                LkGeneratorJob  *prepared)
{
  GListStore *store = g_list_store_new (LK_TYPE_CHECK);
  LkModel *checkpoint = lk_resolution_get_checkpoint (plan->resolution);
  const char * const *warnings = lk_resolution_get_warnings (plan->resolution);

  if (plan->error != NULL)
    {
      add_check (store, "template", LK_CHECK_LEVEL_ERROR, NULL,
                 _("Give the character’s project a generation profile with a workflow template"),
                 "%s", plan->error->message);
      return G_LIST_MODEL (store);
    }

  {
    g_auto(GStrv) loaders = lk_workflow_find (plan->template, LK_WORKFLOW_ROLE_CHARACTER_LORA);
    LkTemplate *template = lk_resolution_get_template (plan->resolution);

    if (loaders[0] != NULL)
      add_check (store, "lora-loader", LK_CHECK_LEVEL_OK, loaders[0], NULL,
                 _("The template %s has a LoraLoader for the character (node %s)"),
                 lk_template_get_name (template), loaders[0]);
    else if (lk_resolution_get_lora (plan->resolution) != NULL)
      add_check (store, "lora-loader", LK_CHECK_LEVEL_WARNING, NULL,
                 _("Add a LoraLoader after the checkpoint in ComfyUI, export the template with "
                   "“Save (API Format)” and import it again"),
                 _("The template %s has no LoraLoader; Lorakeet inserts one after the checkpoint"),
                 lk_template_get_name (template));
    else
      add_check (store, "lora-loader", LK_CHECK_LEVEL_OK, NULL, NULL,
                 _("The template %s has no LoraLoader, and none is needed without a LoRA"),
                 lk_template_get_name (template));
  }

  check_lora (plan, store);

  if (checkpoint != NULL)
    {
      g_autofree char *file = _lk_generator_model_file (checkpoint);

      add_check (store, "checkpoint", LK_CHECK_LEVEL_OK, NULL, NULL,
                 _("The profile’s checkpoint is %s"),
                 file ? file : lk_model_get_name (checkpoint));
    }
  else
    add_check (store, "checkpoint", LK_CHECK_LEVEL_WARNING, NULL,
               _("Give the profile a checkpoint"), "%s",
               _("The profile names no checkpoint: the template’s own is used"));

  for (guint i = 0; warnings != NULL && warnings[i] != NULL; i++)
    {
      g_autofree char *no_lora = no_lora_message (_lk_generator_character_name (plan->resolution));

      if (!g_str_equal (warnings[i], no_lora))
        add_check (store, "catalog", LK_CHECK_LEVEL_WARNING, NULL, NULL, "%s", warnings[i]);
    }

  for (guint i = 0; prepared->checks && i < g_list_model_get_n_items (prepared->checks); i++)
    {
      g_autoptr(LkCheck) check = g_list_model_get_item (prepared->checks, i);

      g_list_store_append (store, check);
    }

  return G_LIST_MODEL (store);
}

void
lk_generator_check_async (LkGenerator         *self,
                          gint64               character_id,
                          const char          *server_url,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  LkGenerateRequest request;
  GTask *task;

  g_return_if_fail (LK_IS_GENERATOR (self));

  lk_generate_request_init (&request);
  request.server_url = server_url;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, lk_generator_check_async);
  _lk_generator_prepare_start (self, character_id, &request, TRUE, task);
}

GListModel *
lk_generator_check_finish (LkGenerator   *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (LK_IS_GENERATOR (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ---- a template on its own ----------------------------------------------------------------- */

typedef struct
{
  LkWorkflow    *workflow;
  LkComfyClient *client;
} TemplateCheck;

static void
template_check_free (TemplateCheck *check)
{
  g_clear_object (&check->workflow);
  g_clear_object (&check->client);
  g_free (check);
}

static void
template_return_checks (GTask        *task,
                        LkObjectInfo *object_info)
{
  TemplateCheck *check = g_task_get_task_data (task);
  g_autoptr(LkPreflight) preflight = lk_preflight_new (object_info);

  if (check->client != NULL)
    lk_preflight_set_server (preflight, lk_comfy_client_get_url (check->client));
  g_task_return_pointer (task, lk_preflight_run (preflight, check->workflow), g_object_unref);
}

static void
template_object_info_cb (GObject      *object,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(LkObjectInfo) info = NULL;
  g_autoptr(GError) error = NULL;

  if (!(info = _lk_generator_object_info_finish (LK_GENERATOR (object), result, &error)))
    g_debug ("Checking the template without node descriptions: %s", error->message);
  template_return_checks (task, info);
}

static void
template_server_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  LkGenerator *self = LK_GENERATOR (object);
  TemplateCheck *check = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  GCancellable *cancellable;

  check->client = _lk_generator_choose_server_finish (self, result, &error);
  if (_lk_generator_return_if_closed (task))
    return;
  if (check->client == NULL)
    {
      if (g_error_matches (error, LK_COMFY_ERROR, LK_COMFY_ERROR_INVALID_URL))
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
      g_debug ("Checking the template without a server: %s", error->message);
      template_return_checks (task, NULL);
      return;
    }

  cancellable = g_task_get_cancellable (task);
  _lk_generator_object_info_async (self, check->client, cancellable, template_object_info_cb,
                                   g_steal_pointer (&task));
}

void
lk_generator_check_template_async (LkGenerator         *self,
                                   const char          *workflow_json,
                                   const char          *server_url,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  TemplateCheck *check;

  g_return_if_fail (LK_IS_GENERATOR (self));
  g_return_if_fail (workflow_json != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, lk_generator_check_template_async);

  check = g_new0 (TemplateCheck, 1);
  g_task_set_task_data (task, check, (GDestroyNotify) template_check_free);

  if (!(check->workflow = lk_workflow_new_from_string (workflow_json, -1, &error)))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  _lk_generator_choose_server_async (self, server_url, LK_GENERATOR_PLAN_SERVER_WAIT_S, cancellable,
                                     template_server_cb, g_steal_pointer (&task));
}

GListModel *
lk_generator_check_template_finish (LkGenerator   *self,
                                    GAsyncResult  *result,
                                    GError       **error)
{
  g_return_val_if_fail (LK_IS_GENERATOR (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
