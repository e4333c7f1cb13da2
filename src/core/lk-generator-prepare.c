/* lk-generator-prepare.c
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* From a character to edited, checked workflows: the catalog says what the character is
 * generated with (its own LoRA or none, never another character's), the template is edited
 * once per variation, and preflight checks each against the chosen server. */

#undef G_LOG_DOMAIN
#define G_LOG_DOMAIN "lk-generator"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "lk-generator-private.h"
#include "lk-preflight.h"
#include "lk-trigger-set.h"

LkGeneratorRequest *
_lk_generator_request_copy (const LkGenerateRequest *request)
{
  LkGeneratorRequest *copy = g_new0 (LkGeneratorRequest, 1);

  copy->prompt = g_strdup (request->prompt);
  copy->negative_prompt = g_strdup (request->negative_prompt);
  copy->seed_mode = request->seed_mode;
  copy->seed = request->seed;
  copy->count = MAX (request->count, 1);
  copy->strength = request->strength;
  copy->server_url = g_strdup (request->server_url);
  copy->who = g_strdup (request->who);

  return copy;
}

void
_lk_generator_request_free (LkGeneratorRequest *request)
{
  g_free (request->prompt);
  g_free (request->negative_prompt);
  g_free (request->server_url);
  g_free (request->who);
  g_free (request);
}

void
_lk_generator_plan_free (LkGeneratorPlan *plan)
{
  g_clear_object (&plan->resolution);
  g_clear_object (&plan->template);
  g_clear_object (&plan->client);
  g_clear_object (&plan->object_info);
  g_clear_error (&plan->error);
  g_free (plan);
}

/* The file name a server knows a model by: the catalog's model path (relative to the models
 * folder), else the file's own name. */
char *
_lk_generator_model_file (LkModel *model)
{
  const char *path;

  if (model == NULL)
    return NULL;
  if ((path = lk_model_get_model_path (model)) != NULL && *path != '\0')
    return g_strdup (path);
  if ((path = lk_model_get_file_path (model)) != NULL && *path != '\0')
    return g_path_get_basename (path);
  return NULL;
}

const char *
_lk_generator_character_name (LkResolution *resolution)
{
  LkCharacter *character = lk_resolution_get_character (resolution);

  return character ? lk_character_get_name (character) : NULL;
}

/* ---- the plan ----------------------------------------------------------------------------- */

typedef struct
{
  LkGeneratorPlan *plan;
  char            *server_url;
  gboolean         with_server;
} PlanData;

static void
plan_data_free (PlanData *data)
{
  g_clear_pointer (&data->plan, _lk_generator_plan_free);
  g_free (data->server_url);
  g_free (data);
}

static void
plan_return (GTask *task)
{
  PlanData *data = g_task_get_task_data (task);

  g_task_return_pointer (task, g_steal_pointer (&data->plan),
                         (GDestroyNotify) _lk_generator_plan_free);
}

static void
plan_object_info_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  PlanData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  data->plan->object_info = _lk_generator_object_info_finish (LK_GENERATOR (object), result,
                                                              &error);
  if (data->plan->object_info == NULL)
    g_debug ("No node descriptions from %s: %s", lk_comfy_client_get_url (data->plan->client),
             error->message);
  plan_return (task);
}

static void
plan_server_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  LkGenerator *self = LK_GENERATOR (object);
  PlanData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  data->plan->client = _lk_generator_choose_server_finish (self, result, &error);
  if (_lk_generator_return_if_closed (task))
    return;
  if (data->plan->client == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED)
          || g_error_matches (error, LK_COMFY_ERROR, LK_COMFY_ERROR_INVALID_URL))
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }

      /* checked without a server: preflight says what it could not check */
      g_debug ("Planning without a server: %s", error->message);
      plan_return (task);
      return;
    }

  _lk_generator_object_info_async (self, data->plan->client, g_task_get_cancellable (task),
                                   plan_object_info_cb, g_object_ref (task));
}

static void
plan_resolved_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  LkGenerator *self = g_task_get_source_object (task);
  PlanData *data = g_task_get_task_data (task);
  LkGeneratorPlan *plan = data->plan;
  g_autoptr(GError) error = NULL;
  LkTemplate *template;

  if (!(plan->resolution = lk_catalog_resolve_finish (LK_CATALOG (object), result, &error)))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (_lk_generator_return_if_closed (task))
    return;

  template = lk_resolution_get_template (plan->resolution);
  if (template == NULL || lk_template_get_workflow_json (template) == NULL)
    {
      const char * const *warnings = lk_resolution_get_warnings (plan->resolution);

      plan->error = g_error_new (LK_GENERATOR_ERROR, LK_GENERATOR_ERROR_CANNOT_GENERATE,
                                 _("“%s” cannot be generated: %s"),
                                 _lk_generator_character_name (plan->resolution),
                                 warnings && warnings[0]
                                 ? warnings[0]
                                 : _("their project has no generation profile with a template"));
    }
  else if (!(plan->template = lk_workflow_new_from_string (lk_template_get_workflow_json (template),
                                                           -1, &error)))
    {
      plan->error = g_error_new (LK_GENERATOR_ERROR, LK_GENERATOR_ERROR_CANNOT_GENERATE,
                                 _("The template “%s” of “%s” cannot be used: %s"),
                                 lk_template_get_name (template),
                                 _lk_generator_character_name (plan->resolution), error->message);
    }

  if (plan->error != NULL || !data->with_server)
    {
      plan_return (task);
      return;
    }

  _lk_generator_choose_server_async (self, data->server_url, LK_GENERATOR_PLAN_SERVER_WAIT_S,
                                     g_task_get_cancellable (task), plan_server_cb,
                                     g_object_ref (task));
}

/* What a character is generated with: the catalog's resolution and the parsed template, and
 * with @with_server, a server and its node descriptions when one can be reached. A character
 * that cannot be generated gives a plan with its error set; only the catalog's errors (and a
 * malformed @server_url) fail the call. */
void
_lk_generator_plan_async (LkGenerator        *self,
                          gint64              character_id,
                          gboolean            with_server,
                          const char         *server_url,
                          GCancellable       *cancellable,
                          GAsyncReadyCallback callback,
                          gpointer            user_data)
{
  g_autoptr(GTask) task = NULL;
  PlanData *data;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, _lk_generator_plan_async);

  data = g_new0 (PlanData, 1);
  data->plan = g_new0 (LkGeneratorPlan, 1);
  data->server_url = g_strdup (server_url);
  data->with_server = with_server;
  g_task_set_task_data (task, data, (GDestroyNotify) plan_data_free);

  lk_catalog_resolve_async (self->catalog, character_id, cancellable, plan_resolved_cb,
                            g_steal_pointer (&task));
}

LkGeneratorPlan *
_lk_generator_plan_finish (LkGenerator   *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  g_assert (g_task_is_valid (result, self));

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ---- variations ---------------------------------------------------------------------------- */

static LkTriggerSet *
pick_trigger_set (LkGenerator  *self,
                  LkResolution *resolution)
{
  GListModel *sets = lk_resolution_get_trigger_sets (resolution);

  for (guint i = 0; self->trigger_set != NULL && i < g_list_model_get_n_items (sets); i++)
    {
      g_autoptr(LkTriggerSet) set = g_list_model_get_item (sets, i);

      if (g_strcmp0 (lk_trigger_set_get_name (set), self->trigger_set) == 0)
        return g_steal_pointer (&set);
    }

  return g_list_model_get_n_items (sets) > 0 ? g_list_model_get_item (sets, 0) : NULL;
}

/* One seed per variation, all different: ComfyUI writes no new file for a graph it ran. */
static guint64 *
make_seeds (LkWorkflow                *template,
            const LkGeneratorRequest  *request,
            GError                   **error)
{
  g_autofree guint64 *seeds = g_new0 (guint64, request->count);
  guint64 first = 0;

  switch (request->seed_mode)
    {
    case LK_SEED_MODE_FIXED:
      first = request->seed;
      break;
    case LK_SEED_MODE_KEEP:
      if (!lk_workflow_get_seed (template, &first))
        first = lk_workflow_random_seed ();
      break;
    case LK_SEED_MODE_RANDOM:
    default:
      for (guint i = 0; i < request->count; i++)
        {
          gboolean fresh;

          do
            {
              seeds[i] = lk_workflow_random_seed ();
              fresh = TRUE;
              for (guint j = 0; j < i; j++)
                fresh &= seeds[j] != seeds[i];
            }
          while (!fresh);
        }
      return g_steal_pointer (&seeds);
    }

  if (first >= LK_WORKFLOW_SEED_LIMIT || request->count > LK_WORKFLOW_SEED_LIMIT - first)
    {
      g_set_error (error, LK_GENERATOR_ERROR, LK_GENERATOR_ERROR_INVALID_REQUEST,
                   _("Seeds must stay below %llu (JSON readers lose digits beyond it); "
                     "choose a smaller seed"), (unsigned long long) LK_WORKFLOW_SEED_LIMIT);
      return NULL;
    }

  for (guint i = 0; i < request->count; i++)
    seeds[i] = first + i;

  return g_steal_pointer (&seeds);
}

/* The edited workflow of each variation, not checked yet (preflight depends on the server
 * each job goes to). */
GPtrArray *
_lk_generator_plan_variations (LkGenerator               *self,
                               LkGeneratorPlan           *plan,
                               const LkGeneratorRequest  *request,
                               GError                   **error)
{
  LkResolution *resolution = plan->resolution;
  LkCharacter *character = lk_resolution_get_character (resolution);
  LkProject *project = lk_resolution_get_project (resolution);
  LkModel *lora = lk_resolution_get_lora (resolution);
  g_autoptr(LkTriggerSet) trigger_set = NULL;
  g_autoptr(GPtrArray) jobs = g_ptr_array_new_with_free_func (g_object_unref);
  LkModel *checkpoint_model = lk_resolution_get_checkpoint (resolution);
  g_autofree char *checkpoint = _lk_generator_model_file (checkpoint_model);
  g_autofree char *lora_name = _lk_generator_model_file (lora);
  g_autofree guint64 *seeds = NULL;
  g_auto(GStrv) seed_nodes = NULL;
  LkWorkflowRecipe recipe;

  g_assert (plan->error == NULL && plan->template != NULL);

  if (lora != NULL && lora_name == NULL)
    {
      g_set_error (error, LK_GENERATOR_ERROR, LK_GENERATOR_ERROR_CANNOT_GENERATE,
                   _("The catalog does not say which file the LoRA “%s” is; scan its folder "
                     "with “lorakeet-cli lora scan”"), lk_model_get_name (lora));
      return NULL;
    }

  if (!(seeds = make_seeds (plan->template, request, error)))
    return NULL;
  seed_nodes = lk_workflow_find (plan->template, LK_WORKFLOW_ROLE_SEED);

  if (request->strength >= 0)
    plan->strength_model = plan->strength_clip = request->strength;
  else
    {
      plan->strength_model = lk_resolution_get_strength_model (resolution);
      plan->strength_clip = lk_resolution_get_strength_clip (resolution);
      if (plan->strength_model <= 0)
        plan->strength_model = self->default_strength;
      if (plan->strength_clip <= 0)
        plan->strength_clip = self->default_strength;
    }

  if (lora != NULL)
    trigger_set = pick_trigger_set (self, resolution);

  lk_workflow_recipe_init (&recipe);
  recipe.checkpoint = checkpoint;
  recipe.lora_name = lora_name;
  recipe.lora_strength_model = plan->strength_model;
  recipe.lora_strength_clip = plan->strength_clip;
  recipe.trigger_words = trigger_set ? lk_trigger_set_get_words (trigger_set) : NULL;
  recipe.use_trigger_words = self->use_trigger_words;
  recipe.prompt = request->prompt;
  recipe.negative_prompt = request->negative_prompt;
  recipe.output_pattern = self->output_pattern;
  recipe.project = project ? lk_project_get_name (project) : NULL;
  recipe.character = lk_character_get_name (character);
  /* a template without a seed node keeps doing what it does */
  recipe.seed_mode = seed_nodes[0] != NULL ? LK_SEED_MODE_FIXED : LK_SEED_MODE_KEEP;

  for (guint i = 0; i < request->count; i++)
    {
      g_autoptr(LkWorkflow) workflow = lk_workflow_copy (plan->template);
      g_autoptr(LkGeneratorJob) job = NULL;
      guint64 seed = 0;

      recipe.seed = seeds[i];
      if (!lk_workflow_apply_recipe (workflow, &recipe, error))
        return NULL;
      if (!lk_workflow_get_seed (workflow, &seed))
        seed = 0;

      job = _lk_generator_job_new (lk_character_get_id (character),
                                   lk_character_get_name (character));
      job->resolution = g_object_ref (resolution);
      job->trigger_set = trigger_set && self->use_trigger_words
                         ? g_strdup (lk_trigger_set_get_name (trigger_set)) : NULL;
      _lk_generator_job_set_seed (job, seed);
      _lk_generator_job_set_workflow (job, workflow, NULL);
      g_ptr_array_add (jobs, g_steal_pointer (&job));
    }

  return g_steal_pointer (&jobs);
}

/* ---- preflight ----------------------------------------------------------------------------- */

/* Checks @job's workflow against @object_info (or without a server), with the catalog's
 * base-model families for the base-model gate, and keeps the checks on the job. */
void
_lk_generator_preflight (LkGenerator     *self,
                         LkGeneratorPlan *plan,
                         LkGeneratorJob  *job,
                         LkObjectInfo    *object_info,
                         const char      *server_url)
{
  g_autoptr(LkPreflight) preflight = lk_preflight_new (object_info);
  g_autoptr(GListModel) checks = NULL;
  LkModel *models[] = {
    lk_resolution_get_checkpoint (plan->resolution),
    lk_resolution_get_lora (plan->resolution),
  };

  lk_preflight_set_server (preflight, server_url);
  for (guint i = 0; i < G_N_ELEMENTS (models); i++)
    {
      g_autofree char *file = _lk_generator_model_file (models[i]);

      if (file != NULL)
        lk_preflight_set_base_model (preflight, file, lk_model_get_base_model (models[i]));
    }

  checks = lk_preflight_run (preflight, job->workflow);
  _lk_generator_job_set_workflow (job, job->workflow, checks);
}

/* The reason preflight stopped @job, every error in one message; %NULL if it passed. */
GError *
_lk_generator_preflight_error (LkGeneratorJob *job)
{
  g_autoptr(GString) text = NULL;

  if (job->checks == NULL || !lk_preflight_has_errors (job->checks))
    return NULL;

  text = g_string_new (NULL);
  for (guint i = 0; i < g_list_model_get_n_items (job->checks); i++)
    {
      g_autoptr(LkCheck) check = g_list_model_get_item (job->checks, i);

      if (lk_check_get_level (check) != LK_CHECK_LEVEL_ERROR)
        continue;
      if (text->len > 0)
        g_string_append_c (text, '\n');
      g_string_append (text, lk_check_get_message (check));
    }

  return g_error_new_literal (LK_GENERATOR_ERROR, LK_GENERATOR_ERROR_PREFLIGHT, text->str);
}

/* ---- dry runs and checks ------------------------------------------------------------------- */

typedef struct
{
  LkGeneratorRequest *request;
  gboolean            check;
} PrepareData;

static void
prepare_data_free (PrepareData *data)
{
  g_clear_pointer (&data->request, _lk_generator_request_free);
  g_free (data);
}

static void
prepare_planned_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  LkGenerator *self = LK_GENERATOR (object);
  PrepareData *data = g_task_get_task_data (task);
  g_autoptr(LkGeneratorPlan) plan = NULL;
  g_autoptr(GPtrArray) jobs = NULL;
  g_autoptr(GError) error = NULL;
  const char *server_url;

  if (!(plan = _lk_generator_plan_finish (self, result, &error)))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (_lk_generator_return_if_closed (task))
    return;

  if (plan->error != NULL && !data->check)
    {
      g_task_return_error (task, g_error_copy (plan->error));
      return;
    }

  if (plan->error == NULL && !(jobs = _lk_generator_plan_variations (self, plan, data->request,
                                                                     &error)))
    {
      if (!data->check)
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
      plan->error = g_steal_pointer (&error);
    }

  server_url = plan->client ? lk_comfy_client_get_url (plan->client) : data->request->server_url;
  for (guint i = 0; jobs != NULL && i < jobs->len; i++)
    {
      LkGeneratorJob *job = g_ptr_array_index (jobs, i);

      _lk_generator_job_set_server_url (job, server_url);
      _lk_generator_preflight (self, plan, job, plan->object_info, server_url);
    }

  if (data->check)
    {
      LkGeneratorJob *first = jobs ? g_ptr_array_index (jobs, 0) : NULL;

      g_task_return_pointer (task, _lk_generator_character_checks (self, plan, first),
                             g_object_unref);
    }
  else
    g_task_return_pointer (task, g_steal_pointer (&jobs), (GDestroyNotify) g_ptr_array_unref);
}

void
_lk_generator_prepare_start (LkGenerator              *self,
               gint64                    character_id,
               const LkGenerateRequest  *request,
               gboolean                  check,
               GTask                    *task)
{
  PrepareData *data = g_new0 (PrepareData, 1);

  data->request = _lk_generator_request_copy (request);
  data->check = check;
  g_task_set_task_data (task, data, (GDestroyNotify) prepare_data_free);

  _lk_generator_plan_async (self, character_id, TRUE, request->server_url,
                            g_task_get_cancellable (task), prepare_planned_cb, task);
}

void
lk_generator_prepare_async (LkGenerator              *self,
                            gint64                    character_id,
                            const LkGenerateRequest  *request,
                            GCancellable             *cancellable,
                            GAsyncReadyCallback       callback,
                            gpointer                  user_data)
{
  GTask *task;

  g_return_if_fail (LK_IS_GENERATOR (self));
  g_return_if_fail (request != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, lk_generator_prepare_async);
  _lk_generator_prepare_start (self, character_id, request, FALSE, task);
}

GPtrArray *
lk_generator_prepare_finish (LkGenerator   *self,
                             GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (LK_IS_GENERATOR (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
