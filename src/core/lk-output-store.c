/* lk-output-store.c
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "lk-output-store-private.h"
#include "lk-paths.h"

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (LkOutputStore, lk_output_store, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

enum {
  PROP_0,
  PROP_DIRECTORY,
  PROP_LOADING,
  PROP_PROBLEMS,
  PROP_N_ITEMS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static GType
lk_output_store_get_item_type (GListModel *model)
{
  return LK_TYPE_OUTPUT_ITEM;
}

static guint
lk_output_store_get_n_items (GListModel *model)
{
  return LK_OUTPUT_STORE (model)->items->len;
}

static gpointer
lk_output_store_get_item (GListModel *model,
                          guint       position)
{
  LkOutputStore *self = LK_OUTPUT_STORE (model);

  if (position >= self->items->len)
    return NULL;

  return g_object_ref (g_ptr_array_index (self->items, position));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = lk_output_store_get_item_type;
  iface->get_n_items = lk_output_store_get_n_items;
  iface->get_item = lk_output_store_get_item;
}

static gboolean
flush_queued_cb (gpointer user_data)
{
  LkOutputStore *self = user_data;
  g_autoptr(GPtrArray) adds = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) removals = g_ptr_array_new_with_free_func (g_free);
  GHashTableIter iter;
  gpointer key, value;

  self->flush_source = 0;

  g_hash_table_iter_init (&iter, self->queued_adds);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      g_ptr_array_add (adds, value);
      g_hash_table_iter_steal (&iter);
    }
  g_hash_table_iter_init (&iter, self->queued_removals);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      g_ptr_array_add (removals, key);
      g_hash_table_iter_steal (&iter);
    }

  if (_lk_output_store_apply_changes (self, adds, removals))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);

  return G_SOURCE_REMOVE;
}

static void
schedule_flush (LkOutputStore *self)
{
  if (self->flush_source == 0)
    self->flush_source = g_idle_add_full (G_PRIORITY_DEFAULT, flush_queued_cb, self, NULL);
}

void
_lk_output_store_queue_add (LkOutputStore *self,
                            LkOutputItem  *item)
{
  g_assert (LK_IS_OUTPUT_STORE (self));
  g_assert (LK_IS_OUTPUT_ITEM (item));

  g_hash_table_remove (self->queued_removals, lk_output_item_get_path (item));
  g_hash_table_replace (self->queued_adds, (gpointer)lk_output_item_get_path (item),
                        g_object_ref (item));
  schedule_flush (self);
}

void
_lk_output_store_queue_remove (LkOutputStore *self,
                               const char    *path)
{
  g_assert (LK_IS_OUTPUT_STORE (self));

  g_hash_table_remove (self->queued_adds, path);
  if (g_hash_table_contains (self->by_path, path))
    {
      g_hash_table_add (self->queued_removals, g_strdup (path));
      schedule_flush (self);
    }
}

/* Paths here are canonical already: a prefix test is enough, and it is called once per
 * item when a folder goes away. */
gboolean
_lk_output_store_is_below (const char *directory,
                           const char *path)
{
  gsize length = strlen (directory);

  return strncmp (directory, path, length) == 0 && path[length] == '/' && path[length + 1] != '\0';
}

void
_lk_output_store_remove_subtree (LkOutputStore *self,
                                 const char    *directory)
{
  g_assert (LK_IS_OUTPUT_STORE (self));

  for (guint i = 0; i < self->items->len; i++)
    {
      const char *path = lk_output_item_get_path (g_ptr_array_index (self->items, i));

      if (_lk_output_store_is_below (directory, path))
        _lk_output_store_queue_remove (self, path);
    }

  _lk_output_store_unwatch_subtree (self, directory);
}

void
_lk_output_store_add_problem (LkOutputStore *self,
                              const char    *problem)
{
  g_assert (LK_IS_OUTPUT_STORE (self));

  g_debug ("%s", problem);
  g_ptr_array_add (self->problems, g_strdup (problem));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROBLEMS]);
}

static void
apply_scan_batch (LkOutputStore *self,
                  LkOutputBatch *batch)
{
  for (guint i = 0; i < batch->directories->len; i++)
    _lk_output_store_watch (self, g_ptr_array_index (batch->directories, i));

  for (guint i = 0; i < batch->problems->len; i++)
    _lk_output_store_add_problem (self, g_ptr_array_index (batch->problems, i));

  for (guint i = 0; i < batch->incomplete->len; i++)
    _lk_output_store_pend (self, g_ptr_array_index (batch->incomplete, i), FALSE, FALSE);

  if (_lk_output_store_apply_changes (self, batch->items, NULL))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
}

static void
drain_scan_batches (LkOutputStore *self)
{
  LkOutputBatch *batch;

  while ((batch = g_async_queue_try_pop (self->scan_batches)) != NULL)
    {
      if (!g_cancellable_is_cancelled (self->cancellable))
        apply_scan_batch (self, batch);
      lk_output_batch_free (batch);
    }
}

static gboolean
drain_scan_batches_cb (gpointer user_data)
{
  drain_scan_batches (user_data);

  return G_SOURCE_REMOVE;
}

typedef struct
{
  LkOutputStore *self;
  GMainContext  *context;
  GAsyncQueue   *batches;
  char          *directory;
} ScanData;

static void
scan_data_free (gpointer data)
{
  ScanData *scan = data;

  g_clear_object (&scan->self);
  g_clear_pointer (&scan->context, g_main_context_unref);
  g_clear_pointer (&scan->batches, g_async_queue_unref);
  g_clear_pointer (&scan->directory, g_free);
  g_free (scan);
}

/* In the scanning thread: hand the batch over and wake the main thread. */
static void
push_batch (LkOutputBatch *batch,
            gpointer       user_data)
{
  ScanData *scan = user_data;

  g_async_queue_push (scan->batches, batch);
  g_main_context_invoke_full (scan->context, G_PRIORITY_DEFAULT, drain_scan_batches_cb,
                              g_object_ref (scan->self), g_object_unref);
}

static void
scan_worker (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  ScanData *scan = task_data;
  g_autoptr(GError) error = NULL;

  if (!lk_output_scan (scan->directory, push_batch, scan, cancellable, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

static void
start_scan (LkOutputStore       *self,
            const char          *directory,
            GAsyncReadyCallback  callback,
            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  ScanData *scan = g_new0 (ScanData, 1);

  scan->self = g_object_ref (self);
  scan->context = g_main_context_ref_thread_default ();
  scan->batches = g_async_queue_ref (self->scan_batches);
  scan->directory = g_strdup (directory);

  self->n_scans++;
  task = g_task_new (self, self->cancellable, callback, user_data);
  g_task_set_source_tag (task, start_scan);
  g_task_set_task_data (task, scan, scan_data_free);
  g_task_run_in_thread (task, scan_worker);
}

static void
subtree_scanned_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  LkOutputStore *self = LK_OUTPUT_STORE (object);
  g_autoptr(GError) error = NULL;

  self->n_scans--;
  drain_scan_batches (self);

  if (!g_task_propagate_boolean (G_TASK (result), &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
    _lk_output_store_add_problem (self, error->message);
}

void
_lk_output_store_scan_subtree (LkOutputStore *self,
                               const char    *directory)
{
  g_assert (LK_IS_OUTPUT_STORE (self));

  start_scan (self, directory, subtree_scanned_cb, NULL);
}

static void
lk_output_store_dispose (GObject *object)
{
  LkOutputStore *self = (LkOutputStore *)object;

  g_cancellable_cancel (self->cancellable);
  _lk_output_store_stop_monitoring (self);
  g_clear_handle_id (&self->flush_source, g_source_remove);

  G_OBJECT_CLASS (lk_output_store_parent_class)->dispose (object);
}

static void
lk_output_store_finalize (GObject *object)
{
  LkOutputStore *self = (LkOutputStore *)object;

  g_clear_pointer (&self->by_path, g_hash_table_unref);
  g_clear_pointer (&self->queued_adds, g_hash_table_unref);
  g_clear_pointer (&self->queued_removals, g_hash_table_unref);
  g_clear_pointer (&self->monitors, g_hash_table_unref);
  g_clear_pointer (&self->pending, g_hash_table_unref);
  g_clear_pointer (&self->items, g_ptr_array_unref);
  g_clear_pointer (&self->problems, g_ptr_array_unref);
  g_clear_pointer (&self->scan_batches, g_async_queue_unref);
  g_clear_pointer (&self->directory, g_free);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (lk_output_store_parent_class)->finalize (object);
}

static void
lk_output_store_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  LkOutputStore *self = LK_OUTPUT_STORE (object);

  switch (prop_id)
    {
    case PROP_DIRECTORY:
      g_value_set_string (value, self->directory);
      break;

    case PROP_LOADING:
      g_value_set_boolean (value, self->loading);
      break;

    case PROP_PROBLEMS:
      g_value_take_boxed (value, lk_output_store_dup_problems (self));
      break;

    case PROP_N_ITEMS:
      g_value_set_uint (value, self->items->len);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lk_output_store_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  LkOutputStore *self = LK_OUTPUT_STORE (object);

  switch (prop_id)
    {
    case PROP_DIRECTORY:
      self->directory = g_canonicalize_filename (g_value_get_string (value), NULL);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lk_output_store_class_init (LkOutputStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = lk_output_store_dispose;
  object_class->finalize = lk_output_store_finalize;
  object_class->get_property = lk_output_store_get_property;
  object_class->set_property = lk_output_store_set_property;

  properties[PROP_DIRECTORY] =
    g_param_spec_string ("directory", NULL, NULL, ".",
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PROBLEMS] =
    g_param_spec_boxed ("problems", NULL, NULL, G_TYPE_STRV,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_ITEMS] =
    g_param_spec_uint ("n-items", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
lk_output_store_init (LkOutputStore *self)
{
  self->items = g_ptr_array_new_with_free_func (g_object_unref);
  self->by_path = g_hash_table_new (g_str_hash, g_str_equal);
  self->monitors = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  self->pending = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->queued_adds = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_object_unref);
  self->queued_removals = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->problems = g_ptr_array_new_with_free_func (g_free);
  self->scan_batches = g_async_queue_new_full ((GDestroyNotify)lk_output_batch_free);
  self->cancellable = g_cancellable_new ();
  self->max_monitors = LK_OUTPUT_STORE_DEFAULT_MAX_MONITORS;
}

LkOutputStore *
lk_output_store_new (const char *directory)
{
  g_return_val_if_fail (directory != NULL, NULL);

  return g_object_new (LK_TYPE_OUTPUT_STORE, "directory", directory, NULL);
}

const char *
lk_output_store_get_directory (LkOutputStore *self)
{
  g_return_val_if_fail (LK_IS_OUTPUT_STORE (self), NULL);

  return self->directory;
}

gboolean
lk_output_store_get_loading (LkOutputStore *self)
{
  g_return_val_if_fail (LK_IS_OUTPUT_STORE (self), FALSE);

  return self->loading;
}

char **
lk_output_store_dup_problems (LkOutputStore *self)
{
  GStrvBuilder *builder;
  char **problems;

  g_return_val_if_fail (LK_IS_OUTPUT_STORE (self), NULL);

  builder = g_strv_builder_new ();
  for (guint i = 0; i < self->problems->len; i++)
    g_strv_builder_add (builder, g_ptr_array_index (self->problems, i));
  problems = g_strv_builder_end (builder);
  g_strv_builder_unref (builder);

  return problems;
}

void
lk_output_store_set_max_monitors (LkOutputStore *self,
                                  guint          max_monitors)
{
  g_return_if_fail (LK_IS_OUTPUT_STORE (self));

  self->max_monitors = max_monitors;
}

guint
lk_output_store_get_n_monitors (LkOutputStore *self)
{
  g_return_val_if_fail (LK_IS_OUTPUT_STORE (self), 0);

  return g_hash_table_size (self->monitors);
}

static void
load_scanned_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  LkOutputStore *self = LK_OUTPUT_STORE (object);
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  self->n_scans--;
  drain_scan_batches (self);

  self->loading = FALSE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

static void
cancel_store_cb (GCancellable *cancellable,
                 gpointer      user_data)
{
  g_cancellable_cancel (user_data);
}

void
lk_output_store_load_async (LkOutputStore       *self,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (LK_IS_OUTPUT_STORE (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));
  g_return_if_fail (!self->load_started);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, lk_output_store_load_async);

  self->load_started = TRUE;
  self->loading = TRUE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);

  /* Cancelling the load stops the store: the scan, the watches and the probes. */
  if (cancellable != NULL)
    g_cancellable_connect (cancellable, G_CALLBACK (cancel_store_cb),
                           g_object_ref (self->cancellable), g_object_unref);

  /* Watch the top folder before reading it, so nothing written meanwhile is missed. */
  _lk_output_store_watch (self, self->directory);
  start_scan (self, self->directory, load_scanned_cb, g_steal_pointer (&task));
}

gboolean
lk_output_store_load_finish (LkOutputStore  *self,
                             GAsyncResult   *result,
                             GError        **error)
{
  g_return_val_if_fail (LK_IS_OUTPUT_STORE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

void
lk_output_store_add_path (LkOutputStore *self,
                          const char    *path)
{
  g_autofree char *canonical = NULL;

  g_return_if_fail (LK_IS_OUTPUT_STORE (self));
  g_return_if_fail (path != NULL);

  canonical = g_canonicalize_filename (path, self->directory);
  if (!lk_paths_is_inside (self->directory, canonical))
    {
      g_debug ("Not adding %s: outside %s", canonical, self->directory);
      return;
    }

  _lk_output_store_pend (self, canonical, TRUE, TRUE);
}

LkOutputItem *
lk_output_store_find (LkOutputStore *self,
                      const char    *path,
                      guint         *position)
{
  LkOutputItem *item;

  g_return_val_if_fail (LK_IS_OUTPUT_STORE (self), NULL);
  g_return_val_if_fail (path != NULL, NULL);

  item = g_hash_table_lookup (self->by_path, path);
  if (item != NULL && position != NULL)
    *position = _lk_output_store_find_index (self, item);

  return item;
}
