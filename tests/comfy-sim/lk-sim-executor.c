/* lk-sim-executor.c
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lk-sim-executor"

#include "config.h"

#include <string.h>
#include <sys/stat.h>

#include "lk-sim-executor-private.h"
#include "lk-sim-json.h"

/*
 * The prompt worker and PromptExecutor of v0.3.64, driven by timers in the simulator's main
 * context: one prompt at a time, nodes in ExecutionList order, samplers taking a step every
 * step_ms, files written on a worker thread. Every WebSocket message goes out in the order of
 * protocol §3.3, with the routing rules of §3.2.
 */

static void next_node (LkSimExecutor *ex);
static void start_next (LkSimExecutor *ex);

static void
cache_entry_free (gpointer data)
{
  CacheEntry *entry = data;

  g_ptr_array_unref (entry->outputs);
  g_clear_pointer (&entry->ui, json_node_unref);
  g_free (entry);
}

static void
progress_free (gpointer data)
{
  Progress *progress = data;

  json_node_unref (progress->value);
  json_node_unref (progress->max);
  g_free (progress);
}

static void
run_free (Run *run)
{
  g_free (run->client_sid);
  json_array_unref (run->messages);
  g_hash_table_unref (run->signatures);
  g_hash_table_unref (run->cached);
  g_hash_table_unref (run->values);
  g_clear_pointer (&run->list, lk_sim_exec_list_free);
  g_ptr_array_unref (run->executed);
  g_ptr_array_unref (run->progress_order);
  g_hash_table_unref (run->progress);
  g_free (run->node_id);
  lk_sim_node_result_clear (&run->result);
  g_free (run);
}

LkSimExecutor *
lk_sim_executor_new (LkComfySim *sim)
{
  LkSimExecutor *ex = g_new0 (LkSimExecutor, 1);

  ex->sim = sim;
  ex->cache = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, cache_entry_free);
  ex->preview_prefixes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  ex->cancellable = g_cancellable_new ();
  ex->writers = g_atomic_rc_box_new0 (gint);
  return ex;
}

/**
 * lk_sim_executor_reset:
 * @ex: the executor
 *
 * Abandons the running prompt silently and forgets the caches, as a server restart does.
 * The queue's running item is the caller's to drop.
 */
void
lk_sim_executor_reset (LkSimExecutor *ex)
{
  if (ex->source)
    {
      g_source_destroy (ex->source);
      g_clear_pointer (&ex->source, g_source_unref);
    }
  ex->next = NULL;
  ex->stalled_at = NULL;
  g_cancellable_cancel (ex->cancellable);
  g_clear_object (&ex->cancellable);
  ex->cancellable = g_cancellable_new ();
  g_clear_pointer (&ex->run, run_free);
  g_hash_table_remove_all (ex->cache);
  g_hash_table_remove_all (ex->preview_prefixes);
  g_clear_pointer (&ex->last_node, g_free);
  ex->interrupted = FALSE;
}

void
lk_sim_executor_free (LkSimExecutor *ex)
{
  if (ex == NULL)
    return;

  lk_sim_executor_reset (ex);
  g_clear_object (&ex->cancellable);
  g_atomic_rc_box_release (ex->writers);
  g_hash_table_unref (ex->cache);
  g_hash_table_unref (ex->preview_prefixes);
  g_free (ex);
}

/* The submitter while a prompt runs (for the "executing" sent to a reconnecting socket) */
const char *
lk_sim_executor_get_client (LkSimExecutor *ex)
{
  return ex->run ? ex->run->client_sid : NULL;
}

const char *
lk_sim_executor_get_last_node (LkSimExecutor *ex)
{
  return ex->last_node;
}

/**
 * lk_sim_executor_wait_writers:
 * @ex: the executor
 * @timeout_ms: how long to wait at most
 *
 * Waits until no worker thread is writing files, so that stopping the simulator does not
 * leave one behind.
 */
void
lk_sim_executor_wait_writers (LkSimExecutor *ex,
                              guint          timeout_ms)
{
  gint64 deadline = g_get_monotonic_time () + (gint64)timeout_ms * 1000;

  while (g_atomic_int_get (ex->writers) > 0 && g_get_monotonic_time () < deadline)
    g_usleep (2000);
}

static gboolean
dispatch_cb (gpointer data)
{
  LkSimExecutor *ex = data;
  Continuation next = ex->next;

  g_clear_pointer (&ex->source, g_source_unref);
  ex->next = NULL;
  if (ex->sim->stalled)
    ex->stalled_at = next;
  else if (next)
    next (ex);
  return G_SOURCE_REMOVE;
}

static void
schedule (LkSimExecutor *ex,
          guint          delay_ms,
          Continuation   next)
{
  if (ex->source)
    {
      g_source_destroy (ex->source);
      g_clear_pointer (&ex->source, g_source_unref);
    }
  ex->next = next;
  ex->source = _lk_comfy_sim_timeout (ex->sim, delay_ms, dispatch_cb, ex, NULL);
}

/**
 * lk_sim_executor_kick:
 * @ex: the executor
 *
 * Starts the next queued prompt if none is running.
 */
void
lk_sim_executor_kick (LkSimExecutor *ex)
{
  if (ex->run == NULL && ex->source == NULL && ex->stalled_at == NULL
      && lk_sim_queue_n_pending (ex->sim->queue) > 0)
    schedule (ex, 0, start_next);
}

/* Resumes after a stall. */
void
lk_sim_executor_release (LkSimExecutor *ex)
{
  Continuation next = g_steal_pointer (&ex->stalled_at);

  if (next)
    schedule (ex, 0, next);
  else
    lk_sim_executor_kick (ex);
}

/* Sets the flag checked before each node and at each progress tick. */
void
lk_sim_executor_interrupt (LkSimExecutor *ex)
{
  ex->interrupted = TRUE;
}

/* The end of execute() and of the worker's loop: history, status, end marker, next prompt */
static void
finish (LkSimExecutor *ex,
        gboolean       success)
{
  Run *run = ex->run;
  g_autoptr(LkSimQueueItem) item = NULL;
  g_autofree char *client = g_strdup (run->client_sid);
  gboolean has_client = run->has_client;
  JsonObject *entry;
  JsonObject *end;

  if (success)
    _lk_sim_ex_add_message (ex, "execution_success", _lk_sim_ex_prompt_data (ex), FALSE);
  g_clear_pointer (&ex->last_node, g_free);

  entry = _lk_sim_ex_history_entry (ex, success);
  item = lk_sim_queue_steal_running (ex->sim->queue);
  g_clear_pointer (&ex->run, run_free);

  lk_sim_queue_add_history (ex->sim->queue, item->prompt_id, entry);
  _lk_comfy_sim_queue_updated (ex->sim);

  if (has_client && client)
    {
      end = json_object_new ();
      json_object_set_null_member (end, "node");
      json_object_set_string_member (end, "prompt_id", item->prompt_id);
      lk_sim_hub_send (ex->sim->hub, client, "executing", lk_sim_json_object_node (end));
    }

  lk_sim_executor_kick (ex);
}

static JsonArray *
ids_array (GPtrArray *ids)
{
  JsonArray *array = json_array_new ();

  for (guint i = 0; i < ids->len; i++)
    json_array_add_string_element (array, g_ptr_array_index (ids, i));
  return array;
}

static const char *
class_of (LkSimExecutor *ex,
          const char    *id)
{
  return json_object_get_string_member (json_object_get_object_member (ex->run->item->prompt, id),
                                        "class_type");
}

static void
interrupt_node (LkSimExecutor *ex)
{
  Run *run = ex->run;
  JsonObject *data = _lk_sim_ex_prompt_data (ex);

  json_object_set_string_member (data, "node_id", run->node_id);
  json_object_set_string_member (data, "node_type", class_of (ex, run->node_id));
  json_object_set_array_member (data, "executed", ids_array (run->executed));
  _lk_sim_ex_add_message (ex, "execution_interrupted", data, TRUE);
  finish (ex, FALSE);
}

static void
fail_node (LkSimExecutor *ex,
           const GError  *error)
{
  Run *run = ex->run;
  JsonObject *data = _lk_sim_ex_prompt_data (ex);
  JsonArray *traceback = json_array_new ();
  JsonArray *current_outputs = json_array_new ();
  g_autofree char *frame = g_strdup_printf ("  File \"comfy-sim\", node %s (%s), simulated\n",
                                            run->node_id, class_of (ex, run->node_id));
  GList *ids = json_object_get_members (run->item->prompt);

  json_array_add_string_element (traceback, frame);
  for (GList *l = ids; l; l = l->next)
    if (g_hash_table_contains (run->values, l->data))
      json_array_add_string_element (current_outputs, l->data);
  g_list_free (ids);

  json_object_set_string_member (data, "node_id", run->node_id);
  json_object_set_string_member (data, "node_type", class_of (ex, run->node_id));
  json_object_set_array_member (data, "executed", ids_array (run->executed));
  json_object_set_string_member (data, "exception_message", error->message);
  json_object_set_string_member (data, "exception_type", lk_sim_exec_error_type_name (error));
  json_object_set_array_member (data, "traceback", traceback);
  json_object_set_member (data, "current_inputs", lk_sim_node_current_inputs (&run->call));
  json_object_set_array_member (data, "current_outputs", current_outputs);
  _lk_sim_ex_add_message (ex, "execution_error", data, FALSE);
  finish (ex, FALSE);
}

/* The node ran: cache its outputs and ui, announce the ui, mark it finished. */
static void
complete_node (LkSimExecutor *ex,
               GPtrArray     *outputs,
               JsonNode      *ui)
{
  Run *run = ex->run;
  const char *signature = g_hash_table_lookup (run->signatures, run->node_id);
  CacheEntry *entry = g_new0 (CacheEntry, 1);

  entry->outputs = outputs;
  entry->ui = ui;
  g_hash_table_replace (ex->cache, g_strdup (signature), entry);
  g_hash_table_replace (run->values, g_strdup (run->node_id), g_ptr_array_ref (outputs));

  if (ui)
    _lk_sim_ex_send_executed (ex, run->node_id, ui);
  _lk_sim_ex_finish_progress (ex, run->node_id);
  g_ptr_array_add (run->executed, g_strdup (run->node_id));
  lk_sim_exec_list_complete (run->list, run->node_id);
  lk_sim_node_result_clear (&run->result);
  g_clear_pointer (&run->node_id, g_free);
  schedule (ex, 0, next_node);
}

/* One tick of a progress bar (a sampler step or a video frame): the hook of main.py */
static gboolean
progress_tick (LkSimExecutor *ex,
               int            max,
               gboolean       previews)
{
  Run *run = ex->run;
  JsonObject *progress;
  gboolean metadata = previews && lk_sim_hub_wants_metadata (ex->sim->hub, run->client_sid);

  if (ex->interrupted)
    {
      interrupt_node (ex);
      return FALSE;
    }

  run->step++;
  _lk_sim_ex_set_progress (ex, run->node_id, "running", lk_sim_json_int (run->step),
                           lk_sim_json_int (max));
  if (previews && metadata)
    _lk_sim_ex_send_preview (ex);

  progress = json_object_new ();
  json_object_set_int_member (progress, "value", run->step);
  json_object_set_int_member (progress, "max", max);
  json_object_set_string_member (progress, "prompt_id", run->item->prompt_id);
  json_object_set_string_member (progress, "node", run->node_id);
  _lk_sim_ex_emit (ex, TARGETED_OR_BROADCAST, "progress", lk_sim_json_object_node (progress));

  if (previews && !metadata)
    _lk_sim_ex_send_preview (ex);

  if (ex->sim->drop_ws_after_step > 0 && run->step == (int)ex->sim->drop_ws_after_step
      && !run->dropped)
    {
      run->dropped = TRUE;
      lk_sim_hub_drop_all (ex->sim->hub, TRUE);
    }
  return TRUE;
}

static void
sampler_tick (LkSimExecutor *ex)
{
  Run *run = ex->run;

  if (!progress_tick (ex, run->result.n_steps, _lk_sim_ex_previews_enabled (ex)))
    return;

  if (run->step < run->result.n_steps)
    schedule (ex, ex->sim->step_ms, sampler_tick);
  else
    complete_node (ex, g_steal_pointer (&run->result.outputs), NULL);
}

typedef struct
{
  LkSimExecutor *ex;
  GCancellable  *cancellable;
} WriterData;

typedef struct
{
  LkSimWriteJob *job;
  gint          *writers;
} WriterJob;

static void
writer_job_free (gpointer data)
{
  WriterJob *job = data;

  lk_sim_write_job_free (job->job);
  g_atomic_rc_box_release (job->writers);
  g_free (job);
}

static void
writer_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  WriterJob *job = task_data;
  GError *error = NULL;
  JsonNode *ui = lk_sim_write_run (job->job, &error);

  if (ui == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, ui, (GDestroyNotify)json_node_unref);
  g_atomic_int_add (job->writers, -1);
}

static void
writer_done (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  WriterData *data = user_data;
  LkSimExecutor *ex = data->ex;
  g_autoptr(GError) error = NULL;
  JsonNode *ui;

  if (g_cancellable_is_cancelled (data->cancellable))
    {
      g_object_unref (data->cancellable);
      g_free (data);
      return;
    }
  g_object_unref (data->cancellable);
  g_free (data);

  ui = g_task_propagate_pointer (G_TASK (result), &error);
  if (ui == NULL)
    {
      fail_node (ex, error);
      return;
    }

  ui = lk_sim_node_hostile_ui (ui, ex->sim->hostile_names);
  complete_node (ex, g_steal_pointer (&ex->run->result.outputs), ui);
}

static void
start_writer (LkSimExecutor *ex)
{
  Run *run = ex->run;
  WriterData *data = g_new0 (WriterData, 1);
  WriterJob *job = g_new0 (WriterJob, 1);
  g_autoptr(GTask) task = NULL;

  data->ex = ex;
  data->cancellable = g_object_ref (ex->cancellable);
  job->job = g_steal_pointer (&run->result.job);
  job->writers = g_atomic_rc_box_acquire (ex->writers);

  /* the result must come back to the simulator's context whoever iterates it */
  g_main_context_push_thread_default (ex->sim->context);
  task = g_task_new (NULL, NULL, writer_done, data);
  g_main_context_pop_thread_default (ex->sim->context);

  g_task_set_source_tag (task, start_writer);
  g_task_set_task_data (task, job, writer_job_free);
  g_atomic_int_inc (ex->writers);
  g_task_run_in_thread (task, writer_thread);
}

static void
frame_tick (LkSimExecutor *ex)
{
  Run *run = ex->run;

  if (!progress_tick (ex, run->result.n_frames, FALSE))
    return;

  if (run->step < run->result.n_frames)
    schedule (ex, MAX (ex->sim->step_ms / 4, 1), frame_tick);
  else
    start_writer (ex);
}

static const char *
preview_prefix (LkSimExecutor *ex,
                const char    *node_id)
{
  static const char letters[] = "abcdefghijklmnopqrstupvxyz";
  char *prefix = g_hash_table_lookup (ex->preview_prefixes, node_id);

  if (prefix == NULL)
    {
      char random[6];

      for (int i = 0; i < 5; i++)
        random[i] = letters[g_random_int_range (0, sizeof letters - 1)];
      random[5] = '\0';
      prefix = g_strconcat ("ComfyUI_temp_", random, NULL);
      g_hash_table_insert (ex->preview_prefixes, g_strdup (node_id), prefix);
    }
  return prefix;
}

/* The first 64 bits of the hex SHA-256 signature */
static guint64
signature_hash (const char *signature)
{
  char head[17];

  g_strlcpy (head, signature, sizeof head);
  return g_ascii_strtoull (head, NULL, 16);
}

static void
run_node (LkSimExecutor *ex)
{
  Run *run = ex->run;
  JsonObject *node = json_object_get_object_member (run->item->prompt, run->node_id);
  const char *signature = g_hash_table_lookup (run->signatures, run->node_id);
  g_autoptr(GError) error = NULL;

  run->call.node_id = run->node_id;
  run->call.def = lk_sim_catalog_lookup (ex->sim->catalog, class_of (ex, run->node_id));
  run->call.catalog = ex->sim->catalog;
  run->call.prompt = run->item->prompt;
  run->call.extra_data = run->item->extra_data;
  run->call.inputs = json_object_get_object_member (node, "inputs");
  run->call.values = run->values;
  run->call.hash = signature_hash (signature);
  run->call.models = ex->sim->models;
  run->call.dirs = &ex->sim->dirs;
  run->call.preview_prefix = preview_prefix (ex, run->node_id);
  run->step = 0;

  if (run->call.def == NULL)
    {
      g_set_error (&error, LK_SIM_EXEC_ERROR, LK_SIM_EXEC_ERROR_EXCEPTION,
                   "Node %s is no longer installed", class_of (ex, run->node_id));
      fail_node (ex, error);
      return;
    }

  if (!lk_sim_node_run (&run->call, &run->result, &error))
    {
      fail_node (ex, error);
      return;
    }

  if (run->result.n_steps > 0)
    schedule (ex, ex->sim->step_ms, sampler_tick);
  else if (run->result.n_frames > 0)
    schedule (ex, MAX (ex->sim->step_ms / 4, 1), frame_tick);
  else if (run->result.job)
    start_writer (ex);
  else
    complete_node (ex, g_steal_pointer (&run->result.outputs), NULL);
}

static void
next_node (LkSimExecutor *ex)
{
  Run *run = ex->run;
  const char *id = lk_sim_exec_list_next (run->list);
  JsonObject *executing;

  if (id == NULL)
    {
      if (lk_sim_exec_list_pending (run->list) > 0)
        {
          g_autoptr(GError) error = g_error_new_literal (LK_SIM_EXEC_ERROR,
                                                         LK_SIM_EXEC_ERROR_EXCEPTION,
                                                         "Dependency cycle detected");

          run->node_id = g_strdup (g_ptr_array_index (run->item->outputs, 0));
          fail_node (ex, error);
          return;
        }
      finish (ex, TRUE);
      return;
    }

  run->node_id = g_strdup (id);
  memset (&run->call, 0, sizeof run->call);

  if (g_hash_table_contains (run->cached, id))
    {
      const char *signature = g_hash_table_lookup (run->signatures, id);
      CacheEntry *entry = g_hash_table_lookup (ex->cache, signature);

      g_hash_table_replace (run->values, g_strdup (id), g_ptr_array_ref (entry->outputs));
      _lk_sim_ex_send_executed (ex, id, entry->ui);
      _lk_sim_ex_finish_progress (ex, id);
      lk_sim_exec_list_complete (run->list, run->node_id);
      g_clear_pointer (&run->node_id, g_free);
      schedule (ex, 0, next_node);
      return;
    }

  _lk_sim_ex_set_progress (ex, run->node_id, "running", lk_sim_json_double (0.0),
                           lk_sim_json_double (1.0));
  if (run->has_client)
    {
      g_free (ex->last_node);
      ex->last_node = g_strdup (run->node_id);
      executing = json_object_new ();
      json_object_set_string_member (executing, "node", run->node_id);
      json_object_set_string_member (executing, "display_node", run->node_id);
      json_object_set_string_member (executing, "prompt_id", run->item->prompt_id);
      _lk_sim_ex_emit (ex, TARGETED, "executing", lk_sim_json_object_node (executing));
    }

  if (ex->interrupted)
    {
      interrupt_node (ex);
      return;
    }
  run_node (ex);
}

static void
begin_run (LkSimExecutor  *ex,
           LkSimQueueItem *item)
{
  Run *run = g_new0 (Run, 1);
  JsonNode *client = json_object_get_member (item->extra_data, "client_id");
  g_autoptr(GHashTable) visiting = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) keep = g_hash_table_new (g_str_hash, g_str_equal);
  JsonObject *cached_data;
  JsonArray *cached_nodes = json_array_new ();
  GList *ids = json_object_get_members (item->prompt);
  GHashTableIter iter;
  gpointer key;

  run->item = item;
  run->has_client = client != NULL && !JSON_NODE_HOLDS_NULL (client);
  if (run->has_client && JSON_NODE_HOLDS_VALUE (client)
      && json_node_get_value_type (client) == G_TYPE_STRING)
    run->client_sid = g_strdup (json_node_get_string (client));
  run->messages = json_array_new ();
  run->signatures = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  run->cached = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  run->values = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                       (GDestroyNotify)g_ptr_array_unref);
  run->executed = g_ptr_array_new_with_free_func (g_free);
  run->progress_order = g_ptr_array_new_with_free_func (g_free);
  run->progress = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, progress_free);
  ex->run = run;
  ex->interrupted = FALSE;

  _lk_sim_ex_add_message (ex, "execution_start", _lk_sim_ex_prompt_data (ex), FALSE);

  /* object_storage: PreviewImage keeps its random prefix while its node id stays */
  g_hash_table_iter_init (&iter, ex->preview_prefixes);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (!json_object_has_member (item->prompt, key))
      g_hash_table_iter_remove (&iter);

  /* classic cache: keep only what this prompt can use, then see what it has */
  for (GList *l = ids; l; l = l->next)
    g_hash_table_add (keep, (gpointer)_lk_sim_ex_signature_of (ex, l->data, visiting));
  g_hash_table_iter_init (&iter, ex->cache);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (!g_hash_table_contains (keep, key))
      g_hash_table_iter_remove (&iter);
  for (GList *l = ids; l; l = l->next)
    {
      const char *signature = g_hash_table_lookup (run->signatures, l->data);
      CacheEntry *entry = g_hash_table_lookup (ex->cache, signature);

      if (entry == NULL)
        continue;
      /* cached nodes are not run: their outputs feed the nodes that are */
      g_hash_table_add (run->cached, g_strdup (l->data));
      g_hash_table_replace (run->values, g_strdup (l->data), g_ptr_array_ref (entry->outputs));
      json_array_add_string_element (cached_nodes, l->data);
    }
  g_list_free (ids);

  cached_data = json_object_new ();
  json_object_set_array_member (cached_data, "nodes", cached_nodes);
  json_object_set_string_member (cached_data, "prompt_id", item->prompt_id);
  _lk_sim_ex_add_message (ex, "execution_cached", cached_data, FALSE);

  run->list = lk_sim_exec_list_new (item->prompt, ex->sim->catalog, run->cached);
  for (guint i = 0; i < item->outputs->len; i++)
    lk_sim_exec_list_add (run->list, g_ptr_array_index (item->outputs, i));

  schedule (ex, 0, next_node);
}

static void
start_next (LkSimExecutor *ex)
{
  LkSimQueueItem *item = lk_sim_queue_take (ex->sim->queue);

  if (item == NULL)
    return;

  _lk_comfy_sim_queue_updated (ex->sim);
  begin_run (ex, item);
}
