/* lk-generator-job.c
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* One generation as the generator sees it. Its setters are private: only LkGenerator moves
 * it, and notifies a property only when its value really changed. */

#undef G_LOG_DOMAIN
#define G_LOG_DOMAIN "lk-generator-job"

#include "config.h"

#include <string.h>

#include "lk-comfy-output.h"
#include "lk-generator-private.h"
#include "lk-resolution.h"
#include "lk-util.h"

G_DEFINE_FINAL_TYPE (LkGeneratorJob, lk_generator_job, G_TYPE_OBJECT)

static GParamSpec *properties[_LK_GENERATOR_JOB_N_PROPS];

static void
notify (LkGeneratorJob *self,
        guint           prop)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

static void
lk_generator_job_dispose (GObject *object)
{
  LkGeneratorJob *self = (LkGeneratorJob *)object;

  g_assert (self->state_handler == 0 && self->outputs_handler == 0);

  g_clear_object (&self->job);
  g_clear_object (&self->workflow);
  g_clear_object (&self->checks);
  g_clear_object (&self->resolution);

  G_OBJECT_CLASS (lk_generator_job_parent_class)->dispose (object);
}

static void
lk_generator_job_finalize (GObject *object)
{
  LkGeneratorJob *self = (LkGeneratorJob *)object;

  g_clear_pointer (&self->character_name, g_free);
  g_clear_pointer (&self->server_url, g_free);
  g_clear_pointer (&self->prompt_id, g_free);
  g_clear_pointer (&self->warning, g_free);
  g_clear_pointer (&self->trigger_set, g_free);
  g_clear_pointer (&self->recorded_prompt_id, g_free);
  g_clear_object (&self->outputs);
  g_clear_error (&self->error);

  G_OBJECT_CLASS (lk_generator_job_parent_class)->finalize (object);
}

static void
lk_generator_job_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  LkGeneratorJob *self = LK_GENERATOR_JOB (object);

  switch (prop_id)
    {
    case GENERATOR_JOB_PROP_ID:
      g_value_set_int64 (value, self->id);
      break;
    case GENERATOR_JOB_PROP_JOB:
      g_value_set_object (value, self->job);
      break;
    case GENERATOR_JOB_PROP_CHARACTER_ID:
      g_value_set_int64 (value, self->character_id);
      break;
    case GENERATOR_JOB_PROP_CHARACTER_NAME:
      g_value_set_string (value, self->character_name);
      break;
    case GENERATOR_JOB_PROP_SERVER_URL:
      g_value_set_string (value, self->server_url);
      break;
    case GENERATOR_JOB_PROP_PROMPT_ID:
      g_value_set_string (value, self->prompt_id);
      break;
    case GENERATOR_JOB_PROP_SEED:
      g_value_set_uint64 (value, self->seed);
      break;
    case GENERATOR_JOB_PROP_STATE:
      g_value_set_enum (value, self->state);
      break;
    case GENERATOR_JOB_PROP_ERROR:
      g_value_set_boxed (value, self->error);
      break;
    case GENERATOR_JOB_PROP_WARNING:
      g_value_set_string (value, self->warning);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lk_generator_job_class_init (LkGeneratorJobClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags ro = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = lk_generator_job_dispose;
  object_class->finalize = lk_generator_job_finalize;
  object_class->get_property = lk_generator_job_get_property;

  properties[GENERATOR_JOB_PROP_ID] = g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0, ro);
  properties[GENERATOR_JOB_PROP_JOB] = g_param_spec_object ("job", NULL, NULL, LK_TYPE_JOB, ro);
  properties[GENERATOR_JOB_PROP_CHARACTER_ID] = g_param_spec_int64 ("character-id", NULL, NULL,
                                                                    0, G_MAXINT64, 0, ro);
  properties[GENERATOR_JOB_PROP_CHARACTER_NAME] = g_param_spec_string ("character-name", NULL,
                                                                       NULL, NULL, ro);
  properties[GENERATOR_JOB_PROP_SERVER_URL] = g_param_spec_string ("server-url", NULL, NULL,
                                                                   NULL, ro);
  properties[GENERATOR_JOB_PROP_PROMPT_ID] = g_param_spec_string ("prompt-id", NULL, NULL, NULL,
                                                                  ro);
  properties[GENERATOR_JOB_PROP_SEED] = g_param_spec_uint64 ("seed", NULL, NULL, 0, G_MAXUINT64,
                                                             0, ro);
  properties[GENERATOR_JOB_PROP_STATE] = g_param_spec_enum ("state", NULL, NULL,
                                                            LK_TYPE_JOB_STATE, LK_JOB_PENDING,
                                                            ro);
  properties[GENERATOR_JOB_PROP_ERROR] = g_param_spec_boxed ("error", NULL, NULL, G_TYPE_ERROR,
                                                             ro);
  properties[GENERATOR_JOB_PROP_WARNING] = g_param_spec_string ("warning", NULL, NULL, NULL, ro);

  g_object_class_install_properties (object_class, _LK_GENERATOR_JOB_N_PROPS, properties);
}

static void
lk_generator_job_init (LkGeneratorJob *self)
{
  self->outputs = g_list_store_new (LK_TYPE_COMFY_OUTPUT);
  self->state = LK_JOB_PENDING;
  self->recorded_state = LK_JOB_PENDING;
}

LkGeneratorJob *
_lk_generator_job_new (gint64      character_id,
                       const char *character_name)
{
  LkGeneratorJob *self = g_object_new (LK_TYPE_GENERATOR_JOB, NULL);

  self->character_id = character_id;
  self->character_name = g_strdup (character_name);

  return self;
}

void
_lk_generator_job_set_id (LkGeneratorJob *self,
                          gint64          id)
{
  g_assert (LK_IS_GENERATOR_JOB (self));

  if (self->id == id)
    return;
  self->id = id;
  notify (self, GENERATOR_JOB_PROP_ID);
}

void
_lk_generator_job_set_job (LkGeneratorJob *self,
                           LkJob          *job)
{
  g_assert (LK_IS_GENERATOR_JOB (self));

  if (g_set_object (&self->job, job))
    notify (self, GENERATOR_JOB_PROP_JOB);
}

void
_lk_generator_job_set_server_url (LkGeneratorJob *self,
                                  const char     *server_url)
{
  g_assert (LK_IS_GENERATOR_JOB (self));

  if (lk_set_str (&self->server_url, server_url))
    notify (self, GENERATOR_JOB_PROP_SERVER_URL);
}

void
_lk_generator_job_set_prompt_id (LkGeneratorJob *self,
                                 const char     *prompt_id)
{
  g_assert (LK_IS_GENERATOR_JOB (self));

  if (lk_set_str (&self->prompt_id, prompt_id))
    notify (self, GENERATOR_JOB_PROP_PROMPT_ID);
}

void
_lk_generator_job_set_seed (LkGeneratorJob *self,
                            guint64         seed)
{
  g_assert (LK_IS_GENERATOR_JOB (self));

  if (self->seed == seed)
    return;
  self->seed = seed;
  notify (self, GENERATOR_JOB_PROP_SEED);
}

void
_lk_generator_job_set_state (LkGeneratorJob *self,
                             LkJobState      state)
{
  g_assert (LK_IS_GENERATOR_JOB (self));

  /* states only move forward, and a final one is never left */
  if (self->state == state || self->state >= LK_JOB_SUCCEEDED)
    return;
  self->state = state;
  notify (self, GENERATOR_JOB_PROP_STATE);
}

void
_lk_generator_job_set_error (LkGeneratorJob *self,
                             const GError   *error)
{
  g_assert (LK_IS_GENERATOR_JOB (self));

  if (self->error == NULL && error == NULL)
    return;
  if (self->error != NULL && error != NULL
      && g_error_matches (self->error, error->domain, error->code)
      && g_strcmp0 (self->error->message, error->message) == 0)
    return;

  g_clear_error (&self->error);
  self->error = error ? g_error_copy (error) : NULL;
  notify (self, GENERATOR_JOB_PROP_ERROR);
}

void
_lk_generator_job_add_warning (LkGeneratorJob *self,
                               const char     *warning)
{
  g_autofree char *joined = NULL;

  g_assert (LK_IS_GENERATOR_JOB (self));
  g_assert (warning != NULL);

  /* the same warning again (an output reported twice) says nothing new */
  if (self->warning != NULL && strstr (self->warning, warning) != NULL)
    return;

  joined = self->warning ? g_strconcat (self->warning, "\n", warning, NULL) : g_strdup (warning);
  g_free (self->warning);
  self->warning = g_steal_pointer (&joined);
  notify (self, GENERATOR_JOB_PROP_WARNING);
}

void
_lk_generator_job_set_workflow (LkGeneratorJob *self,
                                LkWorkflow     *workflow,
                                GListModel     *checks)
{
  g_assert (LK_IS_GENERATOR_JOB (self));

  g_set_object (&self->workflow, workflow);
  g_set_object (&self->checks, checks);
}

/* A job that ends before it is followed: refused by preflight or by the server, or never
 * made. */
void
_lk_generator_job_fail (LkGeneratorJob *self,
                        const GError   *error)
{
  g_assert (LK_IS_GENERATOR_JOB (self));

  g_object_freeze_notify (G_OBJECT (self));
  _lk_generator_job_set_error (self, error);
  _lk_generator_job_set_state (self, LK_JOB_FAILED);
  g_object_thaw_notify (G_OBJECT (self));
}

gint64
lk_generator_job_get_id (LkGeneratorJob *self)
{
  g_return_val_if_fail (LK_IS_GENERATOR_JOB (self), 0);
  return self->id;
}

LkJob *
lk_generator_job_get_job (LkGeneratorJob *self)
{
  g_return_val_if_fail (LK_IS_GENERATOR_JOB (self), NULL);
  return self->job;
}

gint64
lk_generator_job_get_character_id (LkGeneratorJob *self)
{
  g_return_val_if_fail (LK_IS_GENERATOR_JOB (self), 0);
  return self->character_id;
}

const char *
lk_generator_job_get_character_name (LkGeneratorJob *self)
{
  g_return_val_if_fail (LK_IS_GENERATOR_JOB (self), NULL);
  return self->character_name;
}

const char *
lk_generator_job_get_server_url (LkGeneratorJob *self)
{
  g_return_val_if_fail (LK_IS_GENERATOR_JOB (self), NULL);
  return self->server_url;
}

const char *
lk_generator_job_get_prompt_id (LkGeneratorJob *self)
{
  g_return_val_if_fail (LK_IS_GENERATOR_JOB (self), NULL);
  return self->prompt_id;
}

guint64
lk_generator_job_get_seed (LkGeneratorJob *self)
{
  g_return_val_if_fail (LK_IS_GENERATOR_JOB (self), 0);
  return self->seed;
}

LkJobState
lk_generator_job_get_state (LkGeneratorJob *self)
{
  g_return_val_if_fail (LK_IS_GENERATOR_JOB (self), LK_JOB_PENDING);
  return self->state;
}

gboolean
lk_generator_job_is_finished (LkGeneratorJob *self)
{
  g_return_val_if_fail (LK_IS_GENERATOR_JOB (self), FALSE);
  return self->state >= LK_JOB_SUCCEEDED;
}

const GError *
lk_generator_job_get_error (LkGeneratorJob *self)
{
  g_return_val_if_fail (LK_IS_GENERATOR_JOB (self), NULL);
  return self->error;
}

const char *
lk_generator_job_get_warning (LkGeneratorJob *self)
{
  g_return_val_if_fail (LK_IS_GENERATOR_JOB (self), NULL);
  return self->warning;
}

LkWorkflow *
lk_generator_job_get_workflow (LkGeneratorJob *self)
{
  g_return_val_if_fail (LK_IS_GENERATOR_JOB (self), NULL);
  return self->workflow;
}

GListModel *
lk_generator_job_get_checks (LkGeneratorJob *self)
{
  g_return_val_if_fail (LK_IS_GENERATOR_JOB (self), NULL);
  return self->checks;
}

GListModel *
lk_generator_job_get_outputs (LkGeneratorJob *self)
{
  g_return_val_if_fail (LK_IS_GENERATOR_JOB (self), NULL);
  return G_LIST_MODEL (self->outputs);
}
