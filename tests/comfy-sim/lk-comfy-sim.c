/* lk-comfy-sim.c
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lk-comfy-sim"

#include "config.h"

#include <errno.h>
#include <glib/gstdio.h>

#include "lk-comfy-sim-private.h"
#include "lk-sim-json.h"
#include "lk-sim-video.h"

#define DEFAULT_STEP_MS 20
#define DEFAULT_MAX_RESOLUTION 4096
#define DEFAULT_MAX_UPLOAD_SIZE (G_GUINT64_CONSTANT (100) * 1024 * 1024)
#define TEMP_MARKER ".lk-comfy-sim-temp"
#define WRITER_WAIT_MS 30000

G_DEFINE_FINAL_TYPE (LkComfySim, lk_comfy_sim, G_TYPE_OBJECT)

static void teardown (LkComfySim *self);

static void
lk_comfy_sim_finalize (GObject *object)
{
  LkComfySim *self = (LkComfySim *)object;

  lk_comfy_sim_stop (self);

  g_clear_pointer (&self->base_dir, g_free);
  g_clear_pointer (&self->models_dir, g_free);
  g_clear_pointer (&self->output_dir, g_free);
  g_clear_pointer (&self->input_dir, g_free);
  g_clear_pointer (&self->temp_dir, g_free);
  g_clear_pointer (&self->listen_address, g_free);
  g_clear_object (&self->tls_certificate);
  g_clear_pointer (&self->preview_method, g_free);
  g_clear_pointer (&self->reject_prompts, g_free);
  g_clear_pointer (&self->disabled_nodes, g_ptr_array_unref);
  g_clear_pointer (&self->fail_routes, g_hash_table_unref);
  g_mutex_clear (&self->mutex);
  g_cond_clear (&self->cond);

  G_OBJECT_CLASS (lk_comfy_sim_parent_class)->finalize (object);
}

static void
lk_comfy_sim_class_init (LkComfySimClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = lk_comfy_sim_finalize;
}

static void
lk_comfy_sim_init (LkComfySim *self)
{
  g_mutex_init (&self->mutex);
  g_cond_init (&self->cond);
  self->listen_address = g_strdup ("127.0.0.1");
  self->preview_method = g_strdup ("none");
  self->preview_size = 512;
  self->max_resolution = DEFAULT_MAX_RESOLUTION;
  self->max_upload_size = DEFAULT_MAX_UPLOAD_SIZE;
  self->step_ms = DEFAULT_STEP_MS;
  self->disabled_nodes = g_ptr_array_new_with_free_func (g_free);
  self->fail_routes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->origin_check = LK_COMFY_SIM_ORIGIN_LOOPBACK;
}

LkComfySim *
lk_comfy_sim_new (const char *base_dir)
{
  LkComfySim *self;

  g_return_val_if_fail (base_dir != NULL, NULL);

  self = g_object_new (LK_TYPE_COMFY_SIM, NULL);
  self->base_dir = g_canonicalize_filename (base_dir, NULL);
  self->models_dir = g_build_filename (self->base_dir, "models", NULL);
  self->output_dir = g_build_filename (self->base_dir, "output", NULL);
  self->input_dir = g_build_filename (self->base_dir, "input", NULL);
  self->temp_dir = g_build_filename (self->base_dir, "temp", NULL);
  return self;
}

static void
set_dir (LkComfySim  *self,
         char       **field,
         const char  *dir)
{
  g_return_if_fail (LK_IS_COMFY_SIM (self));
  g_return_if_fail (!self->started);
  g_return_if_fail (dir != NULL);

  g_free (*field);
  *field = g_canonicalize_filename (dir, NULL);
}

void
lk_comfy_sim_set_models_dir (LkComfySim *self,
                             const char *models_dir)
{
  set_dir (self, &self->models_dir, models_dir);
}

void
lk_comfy_sim_set_output_dir (LkComfySim *self,
                             const char *output_dir)
{
  set_dir (self, &self->output_dir, output_dir);
}

void
lk_comfy_sim_set_input_dir (LkComfySim *self,
                            const char *input_dir)
{
  set_dir (self, &self->input_dir, input_dir);
}

void
lk_comfy_sim_set_temp_dir (LkComfySim *self,
                           const char *temp_dir)
{
  set_dir (self, &self->temp_dir, temp_dir);
}

void
lk_comfy_sim_set_listen (LkComfySim *self,
                         const char *address,
                         guint16     port)
{
  g_return_if_fail (LK_IS_COMFY_SIM (self));
  g_return_if_fail (!self->started);

  g_free (self->listen_address);
  self->listen_address = g_strdup (address ? address : "127.0.0.1");
  self->listen_port = port;
}

void
lk_comfy_sim_set_tls_certificate (LkComfySim      *self,
                                  GTlsCertificate *certificate)
{
  g_return_if_fail (LK_IS_COMFY_SIM (self));
  g_return_if_fail (certificate == NULL || G_IS_TLS_CERTIFICATE (certificate));
  g_return_if_fail (!self->started);

  g_set_object (&self->tls_certificate, certificate);
}

gboolean
lk_comfy_sim_get_tls (LkComfySim *self)
{
  g_return_val_if_fail (LK_IS_COMFY_SIM (self), FALSE);
  return self->tls_certificate != NULL;
}

void
lk_comfy_sim_set_step_ms (LkComfySim *self,
                          guint       step_ms)
{
  g_autoptr(JsonObject) control = json_object_new ();

  g_return_if_fail (LK_IS_COMFY_SIM (self));

  json_object_set_int_member (control, "step_ms", step_ms);
  lk_comfy_sim_control (self, control, NULL);
}

void
lk_comfy_sim_set_preview_method (LkComfySim *self,
                                 const char *method)
{
  g_autoptr(JsonObject) control = json_object_new ();

  g_return_if_fail (LK_IS_COMFY_SIM (self));

  json_object_set_string_member (control, "preview_method", method ? method : "none");
  lk_comfy_sim_control (self, control, NULL);
}

void
lk_comfy_sim_set_max_resolution (LkComfySim *self,
                                 guint       max_resolution)
{
  g_return_if_fail (LK_IS_COMFY_SIM (self));
  g_return_if_fail (!self->started);
  g_return_if_fail (max_resolution >= 16);

  self->max_resolution = max_resolution;
}

void
lk_comfy_sim_disable_node (LkComfySim *self,
                           const char *class_type)
{
  g_return_if_fail (LK_IS_COMFY_SIM (self));
  g_return_if_fail (!self->started);
  g_return_if_fail (class_type != NULL);

  g_ptr_array_add (self->disabled_nodes, g_strdup (class_type));
}

const char *
lk_comfy_sim_get_output_dir (LkComfySim *self)
{
  g_return_val_if_fail (LK_IS_COMFY_SIM (self), NULL);
  return self->output_dir;
}

const char *
lk_comfy_sim_get_input_dir (LkComfySim *self)
{
  g_return_val_if_fail (LK_IS_COMFY_SIM (self), NULL);
  return self->input_dir;
}

const char *
lk_comfy_sim_get_temp_dir (LkComfySim *self)
{
  g_return_val_if_fail (LK_IS_COMFY_SIM (self), NULL);
  return self->temp_dir;
}

const char *
lk_comfy_sim_get_models_dir (LkComfySim *self)
{
  g_return_val_if_fail (LK_IS_COMFY_SIM (self), NULL);
  return self->models_dir;
}

guint16
lk_comfy_sim_get_port (LkComfySim *self)
{
  g_return_val_if_fail (LK_IS_COMFY_SIM (self), 0);
  return self->bound_port;
}

/* Attaches a timeout to the simulator's context; the caller owns the returned reference. */
GSource *
_lk_comfy_sim_timeout (LkComfySim     *self,
                       guint           ms,
                       GSourceFunc     func,
                       gpointer        data,
                       GDestroyNotify  notify)
{
  GSource *source = g_timeout_source_new (ms);

  g_source_set_callback (source, func, data, notify);
  g_source_set_static_name (source, "[lk-comfy-sim]");
  g_source_attach (source, self->context);
  return source;
}

JsonNode *
_lk_comfy_sim_queue_info (LkComfySim *self)
{
  JsonObject *info = json_object_new ();
  JsonObject *exec_info = json_object_new ();

  json_object_set_int_member (exec_info, "queue_remaining", lk_sim_queue_remaining (self->queue));
  json_object_set_object_member (info, "exec_info", exec_info);
  return lk_sim_json_object_node (info);
}

/* server.queue_updated(): a status broadcast on every queue change */
void
_lk_comfy_sim_queue_updated (LkComfySim *self)
{
  JsonObject *data = json_object_new ();

  json_object_set_member (data, "status", _lk_comfy_sim_queue_info (self));
  lk_sim_hub_send (self->hub, NULL, "status", lk_sim_json_object_node (data));
}

/* ComfyUI deletes its temp directory at start and exit. This one is emptied only when it is
 * new or was created by the simulator, so a mistaken --temp-dir cannot wipe a user folder. */
static void
wipe_dir_contents (const char *dir)
{
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  const char *entry;

  while (listing && (entry = g_dir_read_name (listing)))
    {
      g_autofree char *path = g_build_filename (dir, entry, NULL);

      if (g_file_test (path, G_FILE_TEST_IS_DIR) && !g_file_test (path, G_FILE_TEST_IS_SYMLINK))
        {
          wipe_dir_contents (path);
          g_rmdir (path);
        }
      else if (g_strcmp0 (entry, TEMP_MARKER) != 0)
        g_unlink (path);
    }
}

static void
wipe_temp (LkComfySim *self)
{
  g_autofree char *marker = g_build_filename (self->temp_dir, TEMP_MARKER, NULL);
  g_autoptr(GDir) listing = g_dir_open (self->temp_dir, 0, NULL);

  if (g_file_test (marker, G_FILE_TEST_EXISTS))
    wipe_dir_contents (self->temp_dir);
  else if (listing && g_dir_read_name (listing) == NULL)
    g_file_set_contents (marker, "", 0, NULL);
}

static gboolean
listen_now (LkComfySim  *self,
            guint16      port,
            GError     **error)
{
  g_autoptr(GInetAddress) address = g_inet_address_new_from_string (self->listen_address);
  g_autoptr(GSocketAddress) socket_address = NULL;
  SoupServerListenOptions options = 0;
  GSList *listeners;

  if (address == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   "“%s” is not an IP address", self->listen_address);
      return FALSE;
    }

  if (self->tls_certificate != NULL)
    options |= SOUP_SERVER_LISTEN_HTTPS;

  socket_address = g_inet_socket_address_new (address, port);
  if (!soup_server_listen (self->server, socket_address, options, error))
    return FALSE;

  listeners = soup_server_get_listeners (self->server);
  if (listeners)
    {
      g_autoptr(GSocketAddress) local = g_socket_get_local_address (listeners->data, NULL);

      if (G_IS_INET_SOCKET_ADDRESS (local))
        self->bound_port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (local));
    }
  g_slist_free (listeners);
  return TRUE;
}

static gboolean
prepare_dirs (LkComfySim  *self,
              GError     **error)
{
  char **dirs[] = { &self->models_dir, &self->output_dir, &self->input_dir, &self->temp_dir };

  for (guint i = 0; i < G_N_ELEMENTS (dirs); i++)
    {
      char *normal = lk_sim_normpath (*dirs[i]);

      g_free (*dirs[i]);
      *dirs[i] = normal;
      if (g_mkdir_with_parents (normal, 0755) != 0)
        {
          int saved = errno;

          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                       "Cannot create %s: %s", normal, g_strerror (saved));
          return FALSE;
        }
    }

  self->dirs.input = self->input_dir;
  self->dirs.output = self->output_dir;
  self->dirs.temp = self->temp_dir;
  return TRUE;
}

gboolean
lk_comfy_sim_start (LkComfySim    *self,
                    GMainContext  *context,
                    guint16       *out_port,
                    GError       **error)
{
  gboolean ok;

  g_return_val_if_fail (LK_IS_COMFY_SIM (self), FALSE);
  g_return_val_if_fail (!self->started, FALSE);

  if (!prepare_dirs (self, error) || !lk_sim_video_init (error))
    return FALSE;

  self->context = g_main_context_ref (context ? context : g_main_context_default ());
  g_main_context_push_thread_default (self->context);

  wipe_temp (self);
  self->models = lk_sim_models_new (self->models_dir);
  self->catalog = lk_sim_catalog_new (self->models, self->input_dir, self->max_resolution);
  for (guint i = 0; i < self->disabled_nodes->len; i++)
    lk_sim_catalog_disable (self->catalog, g_ptr_array_index (self->disabled_nodes, i));
  self->queue = lk_sim_queue_new ();
  self->hub = lk_sim_hub_new (self);
  self->executor = lk_sim_executor_new (self);
  self->server = soup_server_new ("server-header", "Python/3.12 aiohttp/3.11.18",
                                  "tls-certificate", self->tls_certificate,
                                  NULL);
  _lk_sim_routes_install (self);
  lk_sim_hub_install (self->hub, self->server);
  self->started = TRUE;

  ok = listen_now (self, self->listen_port, error);
  g_main_context_pop_thread_default (self->context);

  if (!ok)
    {
      teardown (self);
      return FALSE;
    }

  if (out_port)
    *out_port = self->bound_port;
  return TRUE;
}

static void
teardown (LkComfySim *self)
{
  if (!self->started)
    return;

  if (self->relisten_source)
    {
      g_source_destroy (self->relisten_source);
      g_clear_pointer (&self->relisten_source, g_source_unref);
    }
  if (self->kick_source)
    {
      g_source_destroy (self->kick_source);
      g_clear_pointer (&self->kick_source, g_source_unref);
    }

  lk_sim_executor_reset (self->executor);
  lk_sim_executor_wait_writers (self->executor, WRITER_WAIT_MS);
  lk_sim_hub_drop_all (self->hub, FALSE);
  soup_server_disconnect (self->server);

  g_clear_object (&self->server);
  g_clear_pointer (&self->executor, lk_sim_executor_free);
  g_clear_pointer (&self->hub, lk_sim_hub_free);
  g_clear_pointer (&self->queue, lk_sim_queue_free);
  g_clear_pointer (&self->catalog, lk_sim_catalog_free);
  g_clear_pointer (&self->models, lk_sim_models_free);
  wipe_temp (self);

  /* let closing connections hand their last sources back before the context goes */
  while (g_main_context_iteration (self->context, FALSE))
    ;
  g_clear_pointer (&self->context, g_main_context_unref);
  self->started = FALSE;
}

static gboolean
relisten_cb (gpointer data)
{
  LkComfySim *self = data;
  g_autoptr(GError) error = NULL;

  g_clear_pointer (&self->relisten_source, g_source_unref);
  if (!listen_now (self, self->bound_port, &error))
    g_warning ("Could not listen again on port %u: %s", self->bound_port, error->message);
  return G_SOURCE_REMOVE;
}

/**
 * _lk_comfy_sim_do_restart:
 * @self: a simulator
 * @refuse_ms: how long the port refuses connections
 *
 * Behaves as a server process that died and came back: every socket dropped, the queue,
 * the history, the caches and the prompt counter forgotten, files kept.
 */
void
_lk_comfy_sim_do_restart (LkComfySim *self,
                          guint       refuse_ms)
{
  lk_sim_executor_reset (self->executor);
  lk_sim_queue_reset (self->queue);
  self->number = 0;
  lk_sim_hub_drop_all (self->hub, TRUE);
  soup_server_disconnect (self->server);
  wipe_temp (self);

  if (self->relisten_source)
    {
      g_source_destroy (self->relisten_source);
      g_clear_pointer (&self->relisten_source, g_source_unref);
    }
  self->relisten_source = _lk_comfy_sim_timeout (self, refuse_ms, relisten_cb, self, NULL);
}

static gpointer
thread_main (gpointer data)
{
  LkComfySim *self = data;
  g_autoptr(GMainContext) context = g_main_context_new ();
  g_autoptr(GError) error = NULL;
  gboolean ok;

  g_main_context_push_thread_default (context);
  ok = lk_comfy_sim_start (self, context, NULL, &error);

  g_mutex_lock (&self->mutex);
  if (ok)
    self->loop = g_main_loop_new (context, FALSE);
  else
    self->thread_error = g_steal_pointer (&error);
  self->thread_ready = TRUE;
  g_cond_signal (&self->cond);
  g_mutex_unlock (&self->mutex);

  if (ok)
    {
      g_main_loop_run (self->loop);
      teardown (self);
    }

  g_main_context_pop_thread_default (context);
  return NULL;
}

gboolean
lk_comfy_sim_start_in_thread (LkComfySim  *self,
                              guint16     *out_port,
                              GError     **error)
{
  gboolean ok;

  g_return_val_if_fail (LK_IS_COMFY_SIM (self), FALSE);
  g_return_val_if_fail (self->thread == NULL && !self->started, FALSE);

  self->thread_ready = FALSE;
  self->thread = g_thread_new ("lk-comfy-sim", thread_main, self);

  g_mutex_lock (&self->mutex);
  while (!self->thread_ready)
    g_cond_wait (&self->cond, &self->mutex);
  ok = self->loop != NULL;
  g_mutex_unlock (&self->mutex);

  if (!ok)
    {
      g_thread_join (g_steal_pointer (&self->thread));
      g_propagate_error (error, g_steal_pointer (&self->thread_error));
      return FALSE;
    }

  if (out_port)
    *out_port = self->bound_port;
  return TRUE;
}

static gboolean
quit_cb (gpointer data)
{
  g_main_loop_quit (data);
  return G_SOURCE_REMOVE;
}

void
lk_comfy_sim_stop (LkComfySim *self)
{
  g_return_if_fail (LK_IS_COMFY_SIM (self));

  if (self->thread)
    {
      g_main_context_invoke (g_main_loop_get_context (self->loop), quit_cb, self->loop);
      g_thread_join (g_steal_pointer (&self->thread));
      g_clear_pointer (&self->loop, g_main_loop_unref);
      return;
    }

  teardown (self);
}

typedef struct
{
  LkComfySim *self;
  JsonObject *control;
  JsonObject *state;
  gboolean    ok;
  GError     *error;
  gboolean    done;
} Call;

static void
call_in_context (Call *call)
{
  if (call->control)
    {
      gint64 restart_ms = -1;

      call->ok = _lk_comfy_sim_apply_control (call->self, call->control, &restart_ms, &call->error);
      if (call->ok && restart_ms >= 0 && call->self->started)
        _lk_comfy_sim_do_restart (call->self, (guint)restart_ms);
    }
  else
    call->state = _lk_comfy_sim_control_state (call->self);
}

static gboolean
call_cb (gpointer data)
{
  Call *call = data;

  call_in_context (call);
  g_mutex_lock (&call->self->mutex);
  call->done = TRUE;
  g_cond_broadcast (&call->self->cond);
  g_mutex_unlock (&call->self->mutex);
  return G_SOURCE_REMOVE;
}

/* Runs @call in the simulator's context, from any thread. */
static void
run_call (Call *call)
{
  LkComfySim *self = call->self;

  if (!self->started || g_main_context_acquire (self->context))
    {
      call_in_context (call);
      if (self->started)
        g_main_context_release (self->context);
      return;
    }

  g_main_context_invoke_full (self->context, G_PRIORITY_HIGH, call_cb, call, NULL);
  g_mutex_lock (&self->mutex);
  while (!call->done)
    g_cond_wait (&self->cond, &self->mutex);
  g_mutex_unlock (&self->mutex);
}

gboolean
lk_comfy_sim_control (LkComfySim  *self,
                      JsonObject  *control,
                      GError     **error)
{
  Call call = { self, control };

  g_return_val_if_fail (LK_IS_COMFY_SIM (self), FALSE);
  g_return_val_if_fail (control != NULL, FALSE);

  run_call (&call);
  if (!call.ok)
    {
      if (error)
        g_propagate_error (error, call.error);
      else
        {
          g_warning ("Simulator control refused: %s", call.error->message);
          g_clear_error (&call.error);
        }
    }
  return call.ok;
}

JsonObject *
lk_comfy_sim_dup_state (LkComfySim *self)
{
  Call call = { self, NULL };

  g_return_val_if_fail (LK_IS_COMFY_SIM (self), NULL);

  run_call (&call);
  return call.state;
}
