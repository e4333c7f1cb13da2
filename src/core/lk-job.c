/* lk-job.c
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* One generation job and its state machine.
 *
 * The client that runs the job feeds it the server's messages (_lk_job_handle_event) and,
 * once the prompt is over, its history entry (_lk_job_apply_history), which is the truth: it
 * also makes good whatever was missed while the WebSocket was down. States only move forward;
 * a final state is never left. Everything a window shows is a property, notified only when it
 * changes; outputs are a GListModel.
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "lk-comfy-error.h"
#include "lk-comfy-output.h"
#include "lk-job-private.h"
#include "lk-util.h"

G_DEFINE_FINAL_TYPE (LkJob, lk_job, G_TYPE_OBJECT)

G_DEFINE_ENUM_TYPE (LkJobState, lk_job_state,
  G_DEFINE_ENUM_VALUE (LK_JOB_PENDING, "pending"),
  G_DEFINE_ENUM_VALUE (LK_JOB_QUEUED, "queued"),
  G_DEFINE_ENUM_VALUE (LK_JOB_RUNNING, "running"),
  G_DEFINE_ENUM_VALUE (LK_JOB_SUCCEEDED, "succeeded"),
  G_DEFINE_ENUM_VALUE (LK_JOB_FAILED, "failed"),
  G_DEFINE_ENUM_VALUE (LK_JOB_CANCELLED, "cancelled"),
  G_DEFINE_ENUM_VALUE (LK_JOB_LOST, "lost"))

GParamSpec *_lk_job_properties[_LK_JOB_N_PROPS];

static void
lk_job_finalize (GObject *object)
{
  LkJob *self = (LkJob *)object;

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->prompt_id, g_free);
  g_clear_pointer (&self->server_url, g_free);
  g_clear_pointer (&self->graph, json_object_unref);
  g_clear_pointer (&self->extra_pnginfo, json_object_unref);
  g_clear_object (&self->outputs);
  g_clear_error (&self->error);
  g_clear_pointer (&self->error_detail, g_free);
  g_clear_pointer (&self->warning, g_free);
  g_clear_pointer (&self->node, g_free);
  g_clear_pointer (&self->preview, g_bytes_unref);
  g_clear_pointer (&self->preview_mime, g_free);
  g_clear_pointer (&self->cached_nodes, g_hash_table_unref);
  g_clear_pointer (&self->finished_nodes, g_hash_table_unref);
  g_clear_pointer (&self->created_at, g_date_time_unref);
  g_clear_pointer (&self->submitted_at, g_date_time_unref);
  g_clear_pointer (&self->started_at, g_date_time_unref);
  g_clear_pointer (&self->finished_at, g_date_time_unref);
  g_clear_error (&self->run_error);
  g_clear_pointer (&self->run_error_detail, g_free);

  G_OBJECT_CLASS (lk_job_parent_class)->finalize (object);
}

static void
lk_job_get_property (GObject    *object,
                     guint       prop_id,
                     GValue     *value,
                     GParamSpec *pspec)
{
  LkJob *self = LK_JOB (object);

  switch (prop_id)
    {
    case JOB_PROP_ID:
      g_value_set_string (value, self->id);
      break;
    case JOB_PROP_STATE:
      g_value_set_enum (value, self->state);
      break;
    case JOB_PROP_PROGRESS:
      g_value_set_double (value, self->progress);
      break;
    case JOB_PROP_NODE:
      g_value_set_string (value, self->node);
      break;
    case JOB_PROP_NODE_VALUE:
      g_value_set_double (value, self->node_value);
      break;
    case JOB_PROP_NODE_MAX:
      g_value_set_double (value, self->node_max);
      break;
    case JOB_PROP_QUEUE_POSITION:
      g_value_set_int (value, self->queue_position);
      break;
    case JOB_PROP_PREVIEW:
      g_value_set_boxed (value, self->preview);
      break;
    case JOB_PROP_PREVIEW_MIME:
      g_value_set_string (value, self->preview_mime);
      break;
    case JOB_PROP_OUTPUTS:
      g_value_set_object (value, self->outputs);
      break;
    case JOB_PROP_ERROR:
      g_value_set_boxed (value, self->error);
      break;
    case JOB_PROP_ERROR_DETAIL:
      g_value_set_string (value, self->error_detail);
      break;
    case JOB_PROP_WARNING:
      g_value_set_string (value, self->warning);
      break;
    case JOB_PROP_PROMPT_ID:
      g_value_set_string (value, self->prompt_id);
      break;
    case JOB_PROP_SERVER_URL:
      g_value_set_string (value, self->server_url);
      break;
    case JOB_PROP_SEED:
      g_value_set_int64 (value, self->seed);
      break;
    case JOB_PROP_STARTED_AT:
      g_value_set_boxed (value, self->started_at);
      break;
    case JOB_PROP_FINISHED_AT:
      g_value_set_boxed (value, self->finished_at);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lk_job_set_property (GObject      *object,
                     guint         prop_id,
                     const GValue *value,
                     GParamSpec   *pspec)
{
  LkJob *self = LK_JOB (object);

  switch (prop_id)
    {
    case JOB_PROP_SEED:
      lk_job_set_seed (self, g_value_get_int64 (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lk_job_class_init (LkJobClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags ro = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = lk_job_finalize;
  object_class->get_property = lk_job_get_property;
  object_class->set_property = lk_job_set_property;

  _lk_job_properties[JOB_PROP_ID] = g_param_spec_string ("id", NULL, NULL, NULL, ro);
  _lk_job_properties[JOB_PROP_STATE] = g_param_spec_enum ("state", NULL, NULL, LK_TYPE_JOB_STATE,
                                              LK_JOB_PENDING, ro);
  _lk_job_properties[JOB_PROP_PROGRESS] = g_param_spec_double ("progress", NULL, NULL, 0, 1, 0, ro);
  _lk_job_properties[JOB_PROP_NODE] = g_param_spec_string ("node", NULL, NULL, NULL, ro);
  _lk_job_properties[JOB_PROP_NODE_VALUE] = g_param_spec_double ("node-value", NULL, NULL, 0, G_MAXDOUBLE,
                                                     0, ro);
  _lk_job_properties[JOB_PROP_NODE_MAX] = g_param_spec_double ("node-max", NULL, NULL, 0, G_MAXDOUBLE, 0, ro);
  _lk_job_properties[JOB_PROP_QUEUE_POSITION] = g_param_spec_int ("queue-position", NULL, NULL, -1,
                                                      G_MAXINT, -1, ro);
  _lk_job_properties[JOB_PROP_PREVIEW] = g_param_spec_boxed ("preview", NULL, NULL, G_TYPE_BYTES, ro);
  _lk_job_properties[JOB_PROP_PREVIEW_MIME] = g_param_spec_string ("preview-mime", NULL, NULL, NULL, ro);
  _lk_job_properties[JOB_PROP_OUTPUTS] = g_param_spec_object ("outputs", NULL, NULL, G_TYPE_LIST_MODEL, ro);
  _lk_job_properties[JOB_PROP_ERROR] = g_param_spec_boxed ("error", NULL, NULL, G_TYPE_ERROR, ro);
  _lk_job_properties[JOB_PROP_ERROR_DETAIL] = g_param_spec_string ("error-detail", NULL, NULL, NULL, ro);
  _lk_job_properties[JOB_PROP_WARNING] = g_param_spec_string ("warning", NULL, NULL, NULL, ro);
  _lk_job_properties[JOB_PROP_PROMPT_ID] = g_param_spec_string ("prompt-id", NULL, NULL, NULL, ro);
  _lk_job_properties[JOB_PROP_SERVER_URL] = g_param_spec_string ("server-url", NULL, NULL, NULL, ro);
  _lk_job_properties[JOB_PROP_SEED] = g_param_spec_int64 ("seed", NULL, NULL, 0, G_MAXINT64, 0,
                                              G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY
                                              | G_PARAM_STATIC_STRINGS);
  _lk_job_properties[JOB_PROP_STARTED_AT] = g_param_spec_boxed ("started-at", NULL, NULL, G_TYPE_DATE_TIME, ro);
  _lk_job_properties[JOB_PROP_FINISHED_AT] = g_param_spec_boxed ("finished-at", NULL, NULL, G_TYPE_DATE_TIME,
                                                     ro);

  g_object_class_install_properties (object_class, _LK_JOB_N_PROPS, _lk_job_properties);
}

static void
lk_job_init (LkJob *self)
{
  self->id = g_uuid_string_random ();
  self->prompt_id = g_strdup (self->id);
  self->outputs = g_list_store_new (LK_TYPE_COMFY_OUTPUT);
  self->cached_nodes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->finished_nodes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->created_at = g_date_time_new_now_utc ();
  self->queue_position = -1;
}

/**
 * lk_job_new:
 * @graph: the API-format graph to run; the job keeps a reference and it must not change
 *   afterwards
 * @extra_pnginfo: (nullable): extra PNG text chunks (`{"workflow": …}`)
 *
 * A pending job. Its id is a random UUID that is also offered to the server as the prompt id,
 * so it can be recorded before anything is sent and found again afterwards.
 *
 * Returns: (transfer full): a new job
 */
LkJob *
lk_job_new (JsonObject *graph,
            JsonObject *extra_pnginfo)
{
  LkJob *self;

  g_return_val_if_fail (graph != NULL, NULL);

  self = g_object_new (LK_TYPE_JOB, NULL);
  self->graph = json_object_ref (graph);
  self->extra_pnginfo = extra_pnginfo ? json_object_ref (extra_pnginfo) : NULL;

  return self;
}

/**
 * lk_job_new_for_prompt:
 * @prompt_id: a prompt id known from earlier (the catalog)
 * @server_url: (nullable): the server it was sent to
 *
 * A job standing for a prompt submitted earlier, for lk_comfy_client_reconcile_async(). Its id
 * is @prompt_id.
 *
 * Returns: (transfer full): a new job, pending until reconciled
 */
LkJob *
lk_job_new_for_prompt (const char *prompt_id,
                       const char *server_url)
{
  LkJob *self;

  g_return_val_if_fail (prompt_id != NULL && *prompt_id != '\0', NULL);

  self = g_object_new (LK_TYPE_JOB, NULL);
  g_free (self->id);
  self->id = g_strdup (prompt_id);
  g_free (self->prompt_id);
  self->prompt_id = g_strdup (prompt_id);
  self->server_url = g_strdup (server_url);

  return self;
}

/**
 * lk_job_dup_for_retry:
 * @self: a job (typically failed or lost)
 *
 * A new pending job with the same graph, PNG info and seed, and a new id.
 *
 * Returns: (transfer full) (nullable): the new job, or %NULL if @self has no graph (a job only
 *   known by its prompt id)
 */
LkJob *
lk_job_dup_for_retry (LkJob *self)
{
  LkJob *copy;

  g_return_val_if_fail (LK_IS_JOB (self), NULL);

  if (self->graph == NULL)
    return NULL;

  copy = lk_job_new (self->graph, self->extra_pnginfo);
  copy->seed = self->seed;

  return copy;
}

/**
 * lk_job_get_id:
 * @self: a #LkJob
 *
 * Returns: (transfer none): the job's own id (a UUID), fixed for its lifetime
 */
const char *
lk_job_get_id (LkJob *self)
{
  g_return_val_if_fail (LK_IS_JOB (self), NULL);
  return self->id;
}

/**
 * lk_job_get_state:
 * @self: a #LkJob
 *
 * Returns: where the job is
 */
LkJobState
lk_job_get_state (LkJob *self)
{
  g_return_val_if_fail (LK_IS_JOB (self), LK_JOB_PENDING);
  return self->state;
}

/**
 * lk_job_is_finished:
 * @self: a #LkJob
 *
 * Returns: whether the state is final (succeeded, failed, cancelled or lost)
 */
gboolean
lk_job_is_finished (LkJob *self)
{
  g_return_val_if_fail (LK_IS_JOB (self), FALSE);
  return self->state >= LK_JOB_SUCCEEDED;
}

/**
 * lk_job_get_progress:
 * @self: a #LkJob
 *
 * An estimate from the nodes done and the running node's steps; it never goes back.
 *
 * Returns: the overall progress, 0 to 1
 */
double
lk_job_get_progress (LkJob *self)
{
  g_return_val_if_fail (LK_IS_JOB (self), 0);
  return self->progress;
}

/**
 * lk_job_get_node:
 * @self: a #LkJob
 *
 * Returns: (transfer none) (nullable): the id of the node running now
 */
const char *
lk_job_get_node (LkJob *self)
{
  g_return_val_if_fail (LK_IS_JOB (self), NULL);
  return self->node;
}

/**
 * lk_job_get_node_value:
 * @self: a #LkJob
 *
 * Returns: steps done by the running node (a sampler's step, a video's frame)
 */
double
lk_job_get_node_value (LkJob *self)
{
  g_return_val_if_fail (LK_IS_JOB (self), 0);
  return self->node_value;
}

/**
 * lk_job_get_node_max:
 * @self: a #LkJob
 *
 * Returns: steps of the running node in all, 0 when it reports none
 */
double
lk_job_get_node_max (LkJob *self)
{
  g_return_val_if_fail (LK_IS_JOB (self), 0);
  return self->node_max;
}

/**
 * lk_job_get_queue_position:
 * @self: a #LkJob
 *
 * Returns: 1 when next in the server's queue, 2 after that…; 0 when running; -1 unknown
 */
int
lk_job_get_queue_position (LkJob *self)
{
  g_return_val_if_fail (LK_IS_JOB (self), -1);
  return self->queue_position;
}

/**
 * lk_job_get_preview:
 * @self: a #LkJob
 *
 * The latest live preview (servers send them only with `--preview-method`).
 *
 * Returns: (transfer none) (nullable): the encoded image
 */
GBytes *
lk_job_get_preview (LkJob *self)
{
  g_return_val_if_fail (LK_IS_JOB (self), NULL);
  return self->preview;
}

/**
 * lk_job_get_preview_mime:
 * @self: a #LkJob
 *
 * Returns: (transfer none) (nullable): `image/jpeg` or `image/png`
 */
const char *
lk_job_get_preview_mime (LkJob *self)
{
  g_return_val_if_fail (LK_IS_JOB (self), NULL);
  return self->preview_mime;
}

/**
 * lk_job_get_outputs:
 * @self: a #LkJob
 *
 * The files the job produced so far, each once, in the order they were reported.
 *
 * Returns: (transfer none): a #GListModel of #LkComfyOutput
 */
GListModel *
lk_job_get_outputs (LkJob *self)
{
  g_return_val_if_fail (LK_IS_JOB (self), NULL);
  return G_LIST_MODEL (self->outputs);
}

/**
 * lk_job_get_error:
 * @self: a #LkJob
 *
 * Returns: (transfer none) (nullable): why the job failed, was cancelled or lost, in words for
 *   the artist
 */
const GError *
lk_job_get_error (LkJob *self)
{
  g_return_val_if_fail (LK_IS_JOB (self), NULL);
  return self->error;
}

/**
 * lk_job_get_error_detail:
 * @self: a #LkJob
 *
 * Returns: (transfer none) (nullable): the server's own account (traceback, `node_errors`)
 */
const char *
lk_job_get_error_detail (LkJob *self)
{
  g_return_val_if_fail (LK_IS_JOB (self), NULL);
  return self->error_detail;
}

/**
 * lk_job_get_warning:
 * @self: a #LkJob
 *
 * Returns: (transfer none) (nullable): a problem that did not stop the job (outputs the server
 *   dropped)
 */
const char *
lk_job_get_warning (LkJob *self)
{
  g_return_val_if_fail (LK_IS_JOB (self), NULL);
  return self->warning;
}

/**
 * lk_job_get_prompt_id:
 * @self: a #LkJob
 *
 * Before submission this is the id Lorakeet offers; afterwards the one the server uses (older
 * servers choose their own).
 *
 * Returns: (transfer none): the prompt id
 */
const char *
lk_job_get_prompt_id (LkJob *self)
{
  g_return_val_if_fail (LK_IS_JOB (self), NULL);
  return self->prompt_id;
}

/**
 * lk_job_get_server_url:
 * @self: a #LkJob
 *
 * Returns: (transfer none) (nullable): the server the job was sent to
 */
const char *
lk_job_get_server_url (LkJob *self)
{
  g_return_val_if_fail (LK_IS_JOB (self), NULL);
  return self->server_url;
}

/**
 * lk_job_get_seed:
 * @self: a #LkJob
 *
 * Returns: the seed the generator put in the graph, for the record
 */
gint64
lk_job_get_seed (LkJob *self)
{
  g_return_val_if_fail (LK_IS_JOB (self), 0);
  return self->seed;
}

/**
 * lk_job_set_seed:
 * @self: a #LkJob
 * @seed: the seed written into the graph
 */
void
lk_job_set_seed (LkJob  *self,
                 gint64  seed)
{
  g_return_if_fail (LK_IS_JOB (self));
  g_return_if_fail (seed >= 0);

  if (self->seed == seed)
    return;

  self->seed = seed;
  g_object_notify_by_pspec (G_OBJECT (self), _lk_job_properties[JOB_PROP_SEED]);
}

/**
 * lk_job_get_graph:
 * @self: a #LkJob
 *
 * Returns: (transfer none) (nullable): the exact graph submitted; %NULL for a job known only by
 *   its prompt id
 */
JsonObject *
lk_job_get_graph (LkJob *self)
{
  g_return_val_if_fail (LK_IS_JOB (self), NULL);
  return self->graph;
}

/**
 * lk_job_get_extra_pnginfo:
 * @self: a #LkJob
 *
 * Returns: (transfer none) (nullable): the extra PNG text chunks given at creation
 */
JsonObject *
lk_job_get_extra_pnginfo (LkJob *self)
{
  g_return_val_if_fail (LK_IS_JOB (self), NULL);
  return self->extra_pnginfo;
}

/**
 * lk_job_get_created_at:
 * @self: a #LkJob
 *
 * Returns: (transfer none): when the job was made
 */
GDateTime *
lk_job_get_created_at (LkJob *self)
{
  g_return_val_if_fail (LK_IS_JOB (self), NULL);
  return self->created_at;
}

/**
 * lk_job_get_submitted_at:
 * @self: a #LkJob
 *
 * Returns: (transfer none) (nullable): when a server accepted it
 */
GDateTime *
lk_job_get_submitted_at (LkJob *self)
{
  g_return_val_if_fail (LK_IS_JOB (self), NULL);
  return self->submitted_at;
}

/**
 * lk_job_get_started_at:
 * @self: a #LkJob
 *
 * Returns: (transfer none) (nullable): when it started running
 */
GDateTime *
lk_job_get_started_at (LkJob *self)
{
  g_return_val_if_fail (LK_IS_JOB (self), NULL);
  return self->started_at;
}

/**
 * lk_job_get_finished_at:
 * @self: a #LkJob
 *
 * Returns: (transfer none) (nullable): when it reached a final state
 */
GDateTime *
lk_job_get_finished_at (LkJob *self)
{
  g_return_val_if_fail (LK_IS_JOB (self), NULL);
  return self->finished_at;
}

/**
 * lk_job_state_to_string:
 * @state: a state
 *
 * Returns: (transfer none): `pending`, `queued`, `running`, `succeeded`, `failed`,
 *   `cancelled` or `lost`, as the catalog stores it
 */
const char *
lk_job_state_to_string (LkJobState state)
{
  GEnumClass *klass = g_type_class_ref (LK_TYPE_JOB_STATE);
  GEnumValue *value = g_enum_get_value (klass, state);

  g_type_class_unref (klass);

  return value ? value->value_nick : "pending";
}

/**
 * lk_job_state_from_string:
 * @text: a state as lk_job_state_to_string() writes it
 * @state: (out): the state
 *
 * Returns: %TRUE if @text names a state
 */
gboolean
lk_job_state_from_string (const char *text,
                          LkJobState *state)
{
  GEnumClass *klass;
  GEnumValue *value;

  g_return_val_if_fail (state != NULL, FALSE);

  if (text == NULL)
    return FALSE;

  klass = g_type_class_ref (LK_TYPE_JOB_STATE);
  value = g_enum_get_value_by_nick (klass, text);
  if (value != NULL)
    *state = value->value;
  g_type_class_unref (klass);

  return value != NULL;
}
