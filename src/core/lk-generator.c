/* lk-generator.c
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* LkGenerator: the generation flow from a character to recorded outputs. This file holds the
 * object and its settings, choosing a server for a job, and the server's /object_info as
 * preflight reads it. The flow itself is in lk-generator-prepare.c, lk-generator-submit.c,
 * lk-generator-track.c and lk-generator-reconcile.c. */

#undef G_LOG_DOMAIN
#define G_LOG_DOMAIN "lk-generator"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "lk-generator-private.h"
#include "lk-util.h"

G_DEFINE_QUARK (lk-generator-error-quark, lk_generator_error)

G_DEFINE_FINAL_TYPE (LkGenerator, lk_generator, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_CATALOG,
  PROP_POOL,
  PROP_OUTPUT_DIR,
  PROP_DOWNLOAD_DIR,
  PROP_DOWNLOAD,
  PROP_OUTPUT_PATTERN,
  PROP_DEFAULT_STRENGTH,
  PROP_USE_TRIGGER_WORDS,
  PROP_TRIGGER_SET,
  N_PROPS
};

enum {
  SIGNAL_OUTPUT_READY,
  SIGNAL_OUTPUTS_RECORDED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* A server's /object_info as preflight reads it, rebuilt only when the client fetched a new
 * copy. */
typedef struct
{
  JsonObject   *raw;
  LkObjectInfo *info;
} LkGeneratorInfo;

static void
generator_info_free (gpointer data)
{
  LkGeneratorInfo *cached = data;

  g_clear_pointer (&cached->raw, json_object_unref);
  g_clear_object (&cached->info);
  g_free (cached);
}

/**
 * lk_generate_request_init:
 * @request: a request to fill
 *
 * One variation, a random seed, the character's own strength, any server.
 */
void
lk_generate_request_init (LkGenerateRequest *request)
{
  g_return_if_fail (request != NULL);

  memset (request, 0, sizeof *request);
  request->seed_mode = LK_SEED_MODE_RANDOM;
  request->count = 1;
  request->strength = -1;
}

static void
lk_generator_dispose (GObject *object)
{
  LkGenerator *self = (LkGenerator *)object;
  GTask *task;

  /* Jobs already sent go on running on their servers; the next start reconciles them. */
  self->disposed = TRUE;
  g_cancellable_cancel (self->cancellable);
  _lk_generator_track_dispose (self);

  while ((task = g_queue_pop_head (&self->flush_waiters)))
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, "%s",
                               _("The generator was closed"));
      g_object_unref (task);
    }

  g_clear_pointer (&self->object_infos, g_hash_table_unref);
  g_clear_object (&self->pool);
  g_clear_object (&self->catalog);

  G_OBJECT_CLASS (lk_generator_parent_class)->dispose (object);
}

static void
lk_generator_finalize (GObject *object)
{
  LkGenerator *self = (LkGenerator *)object;

  g_clear_object (&self->cancellable);
  g_clear_object (&self->jobs);
  g_clear_pointer (&self->followed, g_hash_table_unref);
  g_clear_pointer (&self->output_dir, g_free);
  g_clear_pointer (&self->download_dir, g_free);
  g_clear_pointer (&self->output_pattern, g_free);
  g_clear_pointer (&self->trigger_set, g_free);

  G_OBJECT_CLASS (lk_generator_parent_class)->finalize (object);
}

static void
lk_generator_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  LkGenerator *self = LK_GENERATOR (object);

  switch (prop_id)
    {
    case PROP_CATALOG:
      g_value_set_object (value, self->catalog);
      break;
    case PROP_POOL:
      g_value_set_object (value, self->pool);
      break;
    case PROP_OUTPUT_DIR:
      g_value_set_string (value, self->output_dir);
      break;
    case PROP_DOWNLOAD_DIR:
      g_value_set_string (value, self->download_dir);
      break;
    case PROP_DOWNLOAD:
      g_value_set_boolean (value, self->download);
      break;
    case PROP_OUTPUT_PATTERN:
      g_value_set_string (value, self->output_pattern);
      break;
    case PROP_DEFAULT_STRENGTH:
      g_value_set_double (value, self->default_strength);
      break;
    case PROP_USE_TRIGGER_WORDS:
      g_value_set_boolean (value, self->use_trigger_words);
      break;
    case PROP_TRIGGER_SET:
      g_value_set_string (value, self->trigger_set);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lk_generator_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  LkGenerator *self = LK_GENERATOR (object);

  switch (prop_id)
    {
    case PROP_CATALOG:
      self->catalog = g_value_dup_object (value);
      break;
    case PROP_POOL:
      self->pool = g_value_dup_object (value);
      break;
    case PROP_OUTPUT_DIR:
      lk_generator_set_output_dir (self, g_value_get_string (value));
      break;
    case PROP_DOWNLOAD_DIR:
      lk_generator_set_download_dir (self, g_value_get_string (value));
      break;
    case PROP_DOWNLOAD:
      lk_generator_set_download (self, g_value_get_boolean (value));
      break;
    case PROP_OUTPUT_PATTERN:
      lk_generator_set_output_pattern (self, g_value_get_string (value));
      break;
    case PROP_DEFAULT_STRENGTH:
      lk_generator_set_default_strength (self, g_value_get_double (value));
      break;
    case PROP_USE_TRIGGER_WORDS:
      lk_generator_set_use_trigger_words (self, g_value_get_boolean (value));
      break;
    case PROP_TRIGGER_SET:
      lk_generator_set_trigger_set (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lk_generator_class_init (LkGeneratorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags rw = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;
  GParamFlags construct = G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = lk_generator_dispose;
  object_class->finalize = lk_generator_finalize;
  object_class->get_property = lk_generator_get_property;
  object_class->set_property = lk_generator_set_property;

  properties[PROP_CATALOG] = g_param_spec_object ("catalog", NULL, NULL, LK_TYPE_CATALOG,
                                                  construct);
  properties[PROP_POOL] = g_param_spec_object ("pool", NULL, NULL, LK_TYPE_SERVER_POOL,
                                               construct);
  properties[PROP_OUTPUT_DIR] = g_param_spec_string ("output-dir", NULL, NULL, NULL, rw);
  properties[PROP_DOWNLOAD_DIR] = g_param_spec_string ("download-dir", NULL, NULL, NULL, rw);
  properties[PROP_DOWNLOAD] = g_param_spec_boolean ("download", NULL, NULL, TRUE, rw);
  properties[PROP_OUTPUT_PATTERN] = g_param_spec_string ("output-pattern", NULL, NULL, NULL, rw);
  properties[PROP_DEFAULT_STRENGTH] = g_param_spec_double ("default-strength", NULL, NULL,
                                                           -100, 100,
                                                           LK_WORKFLOW_DEFAULT_STRENGTH, rw);
  properties[PROP_USE_TRIGGER_WORDS] = g_param_spec_boolean ("use-trigger-words", NULL, NULL,
                                                             TRUE, rw);
  properties[PROP_TRIGGER_SET] = g_param_spec_string ("trigger-set", NULL, NULL, NULL, rw);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * LkGenerator::output-ready:
   * @self: the generator
   * @job: the #LkGeneratorJob that produced the file
   * @path: the file, in the shared output folder or downloaded into the cache
   *
   * A file a job produced can be opened: with a shared output folder, as soon as the server
   * reports it; otherwise once it is downloaded.
   */
  signals[SIGNAL_OUTPUT_READY] =
    g_signal_new ("output-ready", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 2, LK_TYPE_GENERATOR_JOB, G_TYPE_STRING);

  /**
   * LkGenerator::outputs-recorded:
   * @self: the generator
   * @job: the #LkGeneratorJob
   * @n_outputs: how many outputs were just written
   *
   * Outputs of @job are now in the catalog.
   */
  signals[SIGNAL_OUTPUTS_RECORDED] =
    g_signal_new ("outputs-recorded", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                  NULL, NULL, G_TYPE_NONE, 2, LK_TYPE_GENERATOR_JOB, G_TYPE_UINT);
}

static void
lk_generator_init (LkGenerator *self)
{
  self->cancellable = g_cancellable_new ();
  self->object_infos = g_hash_table_new_full (NULL, NULL, g_object_unref, generator_info_free);
  self->jobs = g_list_store_new (LK_TYPE_GENERATOR_JOB);
  self->followed = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_object_unref);
  g_queue_init (&self->flush_waiters);
  self->default_strength = LK_WORKFLOW_DEFAULT_STRENGTH;
  self->download = TRUE;
  self->use_trigger_words = TRUE;
}

LkGenerator *
lk_generator_new (LkCatalog    *catalog,
                  LkServerPool *pool)
{
  g_return_val_if_fail (LK_IS_CATALOG (catalog), NULL);
  g_return_val_if_fail (LK_IS_SERVER_POOL (pool), NULL);

  return g_object_new (LK_TYPE_GENERATOR, "catalog", catalog, "pool", pool, NULL);
}

LkCatalog *
lk_generator_get_catalog (LkGenerator *self)
{
  g_return_val_if_fail (LK_IS_GENERATOR (self), NULL);
  return self->catalog;
}

LkServerPool *
lk_generator_get_pool (LkGenerator *self)
{
  g_return_val_if_fail (LK_IS_GENERATOR (self), NULL);
  return self->pool;
}

GListModel *
lk_generator_get_jobs (LkGenerator *self)
{
  g_return_val_if_fail (LK_IS_GENERATOR (self), NULL);
  return G_LIST_MODEL (self->jobs);
}

void
lk_generator_set_output_dir (LkGenerator *self,
                             const char  *output_dir)
{
  g_autofree char *absolute = NULL;

  g_return_if_fail (LK_IS_GENERATOR (self));

  if (output_dir != NULL && *output_dir != '\0')
    absolute = g_canonicalize_filename (output_dir, NULL);
  if (lk_set_str (&self->output_dir, absolute))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OUTPUT_DIR]);
}

const char *
lk_generator_get_output_dir (LkGenerator *self)
{
  g_return_val_if_fail (LK_IS_GENERATOR (self), NULL);
  return self->output_dir;
}

void
lk_generator_set_download_dir (LkGenerator *self,
                               const char  *download_dir)
{
  g_autofree char *absolute = NULL;

  g_return_if_fail (LK_IS_GENERATOR (self));

  if (download_dir != NULL && *download_dir != '\0')
    absolute = g_canonicalize_filename (download_dir, NULL);
  if (lk_set_str (&self->download_dir, absolute))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DOWNLOAD_DIR]);
}

void
lk_generator_set_download (LkGenerator *self,
                           gboolean     download)
{
  g_return_if_fail (LK_IS_GENERATOR (self));

  download = !!download;
  if (self->download == (guint) download)
    return;
  self->download = download;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DOWNLOAD]);
}

void
lk_generator_set_output_pattern (LkGenerator *self,
                                 const char  *pattern)
{
  g_return_if_fail (LK_IS_GENERATOR (self));

  if (lk_set_str (&self->output_pattern, pattern))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OUTPUT_PATTERN]);
}

void
lk_generator_set_default_strength (LkGenerator *self,
                                   double       strength)
{
  g_return_if_fail (LK_IS_GENERATOR (self));

  if (self->default_strength == strength)
    return;
  self->default_strength = strength;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DEFAULT_STRENGTH]);
}

void
lk_generator_set_use_trigger_words (LkGenerator *self,
                                    gboolean     use_trigger_words)
{
  g_return_if_fail (LK_IS_GENERATOR (self));

  use_trigger_words = !!use_trigger_words;
  if (self->use_trigger_words == (guint) use_trigger_words)
    return;
  self->use_trigger_words = use_trigger_words;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_USE_TRIGGER_WORDS]);
}

void
lk_generator_set_trigger_set (LkGenerator *self,
                              const char  *trigger_set)
{
  g_return_if_fail (LK_IS_GENERATOR (self));

  if (lk_set_str (&self->trigger_set, trigger_set))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TRIGGER_SET]);
}

GCancellable *
_lk_generator_get_cancellable (LkGenerator *self)
{
  return self->cancellable;
}

gboolean
_lk_generator_is_disposed (LkGenerator *self)
{
  return self->disposed;
}

/* For the steps of the generator's own tasks: once it is closed, nothing more is looked up,
 * recorded or sent, and @task ends cancelled. */
gboolean
_lk_generator_return_if_closed (GTask *task)
{
  LkGenerator *self = g_task_get_source_object (task);

  if (!self->disposed)
    return FALSE;

  g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, "%s",
                           _("The generator was closed"));
  return TRUE;
}

void
_lk_generator_emit_output_ready (LkGenerator    *self,
                                 LkGeneratorJob *job,
                                 const char     *path)
{
  g_signal_emit (self, signals[SIGNAL_OUTPUT_READY], 0, job, path);
}

void
_lk_generator_emit_outputs_recorded (LkGenerator    *self,
                                     LkGeneratorJob *job,
                                     guint           n_outputs)
{
  g_signal_emit (self, signals[SIGNAL_OUTPUTS_RECORDED], 0, job, n_outputs);
}

/* ---- choosing a server ------------------------------------------------------------------ */

typedef struct
{
  GPtrArray *clients;        /* the candidates */
  GArray    *handlers;       /* a notify::state handler per candidate */
  guint      timeout_source;
  gulong     cancelled_handler;
  guint      only : 1;       /* a server was named: that one or none */
  guint      done : 1;
} ChooseServer;

static void
choose_server_free (ChooseServer *choose)
{
  g_assert (choose->timeout_source == 0 && choose->handlers->len == 0);

  g_ptr_array_unref (choose->clients);
  g_array_unref (choose->handlers);
  g_free (choose);
}

static GError *
no_server_error (ChooseServer *choose)
{
  g_autoptr(GString) urls = g_string_new (NULL);
  const GError *reason = NULL;

  for (guint i = 0; i < choose->clients->len; i++)
    {
      LkComfyClient *client = g_ptr_array_index (choose->clients, i);

      g_string_append_printf (urls, "%s%s", i > 0 ? ", " : "", lk_comfy_client_get_url (client));
      if (reason == NULL)
        reason = lk_comfy_client_get_last_error (client);
    }

  if (reason != NULL)
    return g_error_new (LK_COMFY_ERROR, LK_COMFY_ERROR_NO_SERVER,
                        _("No ComfyUI server can be reached (tried %s). %s"), urls->str,
                        reason->message);

  return g_error_new (LK_COMFY_ERROR, LK_COMFY_ERROR_NO_SERVER,
                      _("No ComfyUI server can be reached (tried %s)"), urls->str);
}

static void
choose_server_done (GTask         *task,
                    LkComfyClient *client,
                    GError        *error)
{
  ChooseServer *choose = g_task_get_task_data (task);

  g_assert (!choose->done);
  choose->done = TRUE;

  for (guint i = 0; i < choose->handlers->len; i++)
    g_signal_handler_disconnect (g_ptr_array_index (choose->clients, i),
                                 g_array_index (choose->handlers, gulong, i));
  g_array_set_size (choose->handlers, 0);
  g_clear_handle_id (&choose->timeout_source, g_source_remove);
  if (choose->cancelled_handler != 0)
    {
      g_cancellable_disconnect (g_task_get_cancellable (task), choose->cancelled_handler);
      choose->cancelled_handler = 0;
    }

  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, g_object_ref (client), g_object_unref);

  g_object_unref (task);
}

static void
choose_server_evaluate (GTask *task)
{
  LkGenerator *self = g_task_get_source_object (task);
  ChooseServer *choose = g_task_get_task_data (task);
  LkComfyClient *client = NULL;
  gboolean trying = FALSE;
  GError *error = NULL;

  if (choose->done)
    return;

  if (self->disposed)
    error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED, _("The generator was closed"));
  if (error != NULL
      || g_cancellable_set_error_if_cancelled (g_task_get_cancellable (task), &error))
    {
      choose_server_done (task, NULL, error);
      return;
    }

  if (choose->only)
    {
      LkComfyClient *named = g_ptr_array_index (choose->clients, 0);

      if (lk_comfy_client_get_state (named) == LK_COMFY_SERVER_ONLINE)
        client = named;
    }
  else
    client = lk_server_pool_pick (self->pool);

  if (client != NULL)
    {
      choose_server_done (task, client, NULL);
      return;
    }

  for (guint i = 0; i < choose->clients->len; i++)
    {
      LkComfyServerState state = lk_comfy_client_get_state (g_ptr_array_index (choose->clients, i));

      trying |= state == LK_COMFY_SERVER_CONNECTING || state == LK_COMFY_SERVER_RESTARTING;
    }

  if (!trying)
    choose_server_done (task, NULL, no_server_error (choose));
}

static void
choose_server_state_cb (LkComfyClient *client,
                        GParamSpec    *pspec,
                        GTask         *task)
{
  choose_server_evaluate (task);
}

static gboolean
choose_server_timeout_cb (gpointer user_data)
{
  GTask *task = user_data;
  ChooseServer *choose = g_task_get_task_data (task);

  choose->timeout_source = 0;
  choose_server_done (task, NULL, no_server_error (choose));

  return G_SOURCE_REMOVE;
}

static gboolean
choose_server_evaluate_idle_cb (gpointer user_data)
{
  choose_server_evaluate (user_data);
  return G_SOURCE_REMOVE;
}

/* Not evaluated here: disconnecting from a cancellable inside its own handler deadlocks. */
static void
choose_server_cancelled_cb (GCancellable *cancellable,
                            GTask        *task)
{
  g_idle_add_full (G_PRIORITY_DEFAULT, choose_server_evaluate_idle_cb, g_object_ref (task),
                   g_object_unref);
}

/* The server for the next job: the named one, or the pool's reachable server with the
 * shortest queue. Servers not connected yet are asked to connect now, and up to @wait_s
 * seconds are given to one of them; when none is even trying any more, it fails at once. */
void
_lk_generator_choose_server_async (LkGenerator        *self,
                                   const char         *server_url,
                                   guint               wait_s,
                                   GCancellable       *cancellable,
                                   GAsyncReadyCallback callback,
                                   gpointer            user_data)
{
  GTask *task;
  ChooseServer *choose;
  g_autoptr(GError) error = NULL;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, _lk_generator_choose_server_async);

  choose = g_new0 (ChooseServer, 1);
  choose->clients = g_ptr_array_new_with_free_func (g_object_unref);
  choose->handlers = g_array_new (FALSE, FALSE, sizeof (gulong));
  g_task_set_task_data (task, choose, (GDestroyNotify) choose_server_free);

  if (server_url != NULL)
    {
      LkComfyClient *client = lk_server_pool_add (self->pool, server_url, &error);

      if (client == NULL)
        {
          g_task_return_error (task, g_steal_pointer (&error));
          g_object_unref (task);
          return;
        }
      choose->only = TRUE;
      g_ptr_array_add (choose->clients, g_object_ref (client));
    }
  else
    {
      for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->pool)); i++)
        g_ptr_array_add (choose->clients, g_list_model_get_item (G_LIST_MODEL (self->pool), i));
    }

  if (g_task_return_error_if_cancelled (task))
    {
      g_object_unref (task);
      return;
    }

  if (choose->clients->len == 0)
    {
      g_task_return_new_error (task, LK_COMFY_ERROR, LK_COMFY_ERROR_NO_SERVER, "%s",
                               _("No ComfyUI server is configured"));
      g_object_unref (task);
      return;
    }

  for (guint i = 0; i < choose->clients->len; i++)
    {
      LkComfyClient *client = g_ptr_array_index (choose->clients, i);
      LkComfyServerState state = lk_comfy_client_get_state (client);
      gulong handler;

      if (state == LK_COMFY_SERVER_DISCONNECTED || state == LK_COMFY_SERVER_OFFLINE)
        lk_comfy_client_retry (client);

      handler = g_signal_connect (client, "notify::state", G_CALLBACK (choose_server_state_cb),
                                  task);
      g_array_append_val (choose->handlers, handler);
    }

  choose->timeout_source = g_timeout_add_seconds (MAX (wait_s, 1), choose_server_timeout_cb,
                                                  task);
  if (cancellable != NULL)
    choose->cancelled_handler = g_cancellable_connect (cancellable,
                                                       G_CALLBACK (choose_server_cancelled_cb),
                                                       task, NULL);

  choose_server_evaluate (task);
}

LkComfyClient *
_lk_generator_choose_server_finish (LkGenerator   *self,
                                    GAsyncResult  *result,
                                    GError       **error)
{
  g_assert (g_task_is_valid (result, self));

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ---- the server's node descriptions ------------------------------------------------------- */

static void
object_info_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  LkGenerator *self = g_task_get_source_object (task);
  LkComfyClient *client = LK_COMFY_CLIENT (object);
  g_autoptr(JsonObject) raw = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;
  LkGeneratorInfo *cached;
  LkObjectInfo *info;

  if (!(raw = lk_comfy_client_get_object_info_finish (client, result, &error)))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (self->object_infos != NULL
      && (cached = g_hash_table_lookup (self->object_infos, client)) != NULL
      && cached->raw == raw)
    {
      g_task_return_pointer (task, g_object_ref (cached->info), g_object_unref);
      return;
    }

  root = json_node_init_object (json_node_alloc (), raw);
  if (!(info = lk_object_info_new_from_node (root, &error)))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (self->object_infos != NULL)
    {
      cached = g_new0 (LkGeneratorInfo, 1);
      cached->raw = json_object_ref (raw);
      cached->info = g_object_ref (info);
      g_hash_table_replace (self->object_infos, g_object_ref (client), cached);
    }

  g_task_return_pointer (task, info, g_object_unref);
}

/* The server's node descriptions, read by the client (which keeps a copy until it is stale)
 * and understood once per copy. */
void
_lk_generator_object_info_async (LkGenerator        *self,
                                 LkComfyClient      *client,
                                 GCancellable       *cancellable,
                                 GAsyncReadyCallback callback,
                                 gpointer            user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, _lk_generator_object_info_async);
  lk_comfy_client_get_object_info_async (client, FALSE, cancellable, object_info_cb, task);
}

LkObjectInfo *
_lk_generator_object_info_finish (LkGenerator   *self,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  g_assert (g_task_is_valid (result, self));

  return g_task_propagate_pointer (G_TASK (result), error);
}
