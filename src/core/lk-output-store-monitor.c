/* lk-output-store-monitor.c
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The live half of LkOutputStore: one GFileMonitor per folder (GIO's monitors are not
 * recursive), and the files seen being written, probed until they are complete.
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "lk-output-store-private.h"

/* How often files being written are looked at again. */
#define PROBE_INTERVAL_MSEC 250

/* A file still cut short after this long without change is shown anyway: its writer has
 * died, and the thumbnailer will say what is wrong with it. */
#define GIVE_UP_USEC (10 * G_TIME_SPAN_SECOND)

static void schedule_probe (LkOutputStore *self,
                            guint          delay_msec);

static gboolean
path_is_hidden (const char *path)
{
  const char *slash = strrchr (path, '/');

  return slash != NULL && slash[1] == '.';
}

static void
monitor_changed_cb (GFileMonitor      *monitor,
                    GFile             *file,
                    GFile             *other_file,
                    GFileMonitorEvent  event,
                    LkOutputStore     *self)
{
  g_autofree char *path = g_file_get_path (file);
  g_autofree char *other_path = other_file != NULL ? g_file_get_path (other_file) : NULL;

  g_assert (LK_IS_OUTPUT_STORE (self));

  if (path == NULL)
    return;

  switch (event)
    {
    case G_FILE_MONITOR_EVENT_CREATED:
    case G_FILE_MONITOR_EVENT_CHANGED:
      if (!path_is_hidden (path))
        _lk_output_store_pend (self, path, FALSE, FALSE);
      break;

    case G_FILE_MONITOR_EVENT_CHANGES_DONE_HINT:
    case G_FILE_MONITOR_EVENT_MOVED_IN:
      if (!path_is_hidden (path))
        _lk_output_store_pend (self, path, TRUE, FALSE);
      break;

    case G_FILE_MONITOR_EVENT_RENAMED:
      g_hash_table_remove (self->pending, path);
      _lk_output_store_queue_remove (self, path);
      if (g_hash_table_contains (self->monitors, path))
        _lk_output_store_remove_subtree (self, path);
      if (other_path != NULL && !path_is_hidden (other_path))
        _lk_output_store_pend (self, other_path, TRUE, FALSE);
      break;

    case G_FILE_MONITOR_EVENT_DELETED:
    case G_FILE_MONITOR_EVENT_MOVED_OUT:
      g_hash_table_remove (self->pending, path);
      if (g_hash_table_contains (self->by_path, path))
        _lk_output_store_queue_remove (self, path);
      else if (lk_media_kind_guess (path) == LK_MEDIA_KIND_NONE)
        _lk_output_store_remove_subtree (self, path);
      break;

    case G_FILE_MONITOR_EVENT_ATTRIBUTE_CHANGED:
    case G_FILE_MONITOR_EVENT_PRE_UNMOUNT:
    case G_FILE_MONITOR_EVENT_UNMOUNTED:
    case G_FILE_MONITOR_EVENT_MOVED:
    default:
      break;
    }
}

void
_lk_output_store_watch (LkOutputStore *self,
                        const char    *directory)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFileMonitor) monitor = NULL;
  g_autoptr(GError) error = NULL;

  g_assert (LK_IS_OUTPUT_STORE (self));

  if (g_cancellable_is_cancelled (self->cancellable) ||
      g_hash_table_contains (self->monitors, directory))
    return;

  if (g_hash_table_size (self->monitors) >= self->max_monitors)
    {
      if (!self->monitor_limit_reported)
        {
          g_autofree char *problem =
            g_strdup_printf (_("Lorakeet watches at most %u folders; new files in “%s” and "
                               "further subfolders appear only after the gallery is reopened"),
                             self->max_monitors, directory);

          self->monitor_limit_reported = TRUE;
          _lk_output_store_add_problem (self, problem);
        }
      return;
    }

  file = g_file_new_for_path (directory);
  monitor = g_file_monitor_directory (file, G_FILE_MONITOR_WATCH_MOVES, self->cancellable,
                                      &error);
  if (monitor == NULL)
    {
      g_autofree char *problem =
        g_strdup_printf (_("Changes in “%s” are not shown live: %s"), directory, error->message);

      _lk_output_store_add_problem (self, problem);
      return;
    }

  g_signal_connect_object (monitor, "changed", G_CALLBACK (monitor_changed_cb), self, 0);
  g_hash_table_insert (self->monitors, g_strdup (directory), g_steal_pointer (&monitor));
}

void
_lk_output_store_unwatch_subtree (LkOutputStore *self,
                                  const char    *directory)
{
  GHashTableIter iter;
  gpointer key, value;

  g_assert (LK_IS_OUTPUT_STORE (self));

  g_hash_table_iter_init (&iter, self->monitors);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      if (g_str_equal (key, directory) || _lk_output_store_is_below (directory, key))
        {
          g_file_monitor_cancel (value);
          g_hash_table_iter_remove (&iter);
        }
    }
}

void
_lk_output_store_stop_monitoring (LkOutputStore *self)
{
  GHashTableIter iter;
  gpointer value;

  g_assert (LK_IS_OUTPUT_STORE (self));

  g_hash_table_iter_init (&iter, self->monitors);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      g_signal_handlers_disconnect_by_data (value, self);
      g_file_monitor_cancel (value);
    }
  g_hash_table_remove_all (self->monitors);
  g_hash_table_remove_all (self->pending);
  g_clear_handle_id (&self->probe_source, g_source_remove);
}

void
_lk_output_store_pend (LkOutputStore *self,
                       const char    *path,
                       gboolean       hinted,
                       gboolean       known_complete)
{
  PendingFile *pending;

  g_assert (LK_IS_OUTPUT_STORE (self));

  if (!(pending = g_hash_table_lookup (self->pending, path)))
    {
      pending = g_new0 (PendingFile, 1);
      g_hash_table_insert (self->pending, g_strdup (path), pending);
    }

  /* A write after the writer's "done" means it is writing again. */
  pending->hinted = hinted;
  pending->known_complete = pending->known_complete || known_complete;

  schedule_probe (self, known_complete ? 0 : PROBE_INTERVAL_MSEC);
}

static gboolean
is_ready (PendingFile   *pending,
          LkOutputProbe *probe,
          gboolean       stable,
          gint64         now)
{
  if (pending->known_complete)
    return TRUE;

  switch (probe->completeness)
    {
    case LK_FILE_COMPLETENESS_COMPLETE:
      return pending->hinted || stable;

    case LK_FILE_COMPLETENESS_UNKNOWN:
      return stable;

    case LK_FILE_COMPLETENESS_INCOMPLETE:
    default:
      return stable && now - pending->stable_since >= GIVE_UP_USEC;
    }
}

static void
handle_probe (LkOutputStore *self,
              LkOutputProbe *probe,
              gint64         now)
{
  PendingFile *pending = g_hash_table_lookup (self->pending, probe->path);
  LkOutputItem *shown;
  gboolean stable;

  if (pending == NULL)
    return;

  if (!probe->exists)
    {
      g_hash_table_remove (self->pending, probe->path);
      _lk_output_store_queue_remove (self, probe->path);
      return;
    }

  if (probe->is_directory)
    {
      g_hash_table_remove (self->pending, probe->path);
      if (!g_hash_table_contains (self->monitors, probe->path))
        {
          /* Watch first, then read: a file written in between is seen either way. */
          _lk_output_store_watch (self, probe->path);
          _lk_output_store_scan_subtree (self, probe->path);
        }
      return;
    }

  if (probe->kind == LK_MEDIA_KIND_NONE)
    {
      g_hash_table_remove (self->pending, probe->path);
      return;
    }

  stable = pending->seen && pending->mtime == probe->mtime && pending->size == probe->size;
  if (!stable)
    pending->stable_since = now;
  pending->seen = TRUE;
  pending->mtime = probe->mtime;
  pending->size = probe->size;

  if (!is_ready (pending, probe, stable, now))
    return;

  g_hash_table_remove (self->pending, probe->path);

  shown = g_hash_table_lookup (self->by_path, probe->path);
  if (shown == NULL ||
      lk_output_item_get_mtime (shown) != probe->mtime ||
      lk_output_item_get_size (shown) != probe->size)
    {
      g_autoptr(LkOutputItem) item = lk_output_item_new (probe->path, probe->mtime, probe->size,
                                                         probe->kind, FALSE);

      _lk_output_store_queue_add (self, item);
    }
}

static void
probe_worker (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  GPtrArray *paths = task_data;
  g_autoptr(GPtrArray) probes = g_ptr_array_new_with_free_func ((GDestroyNotify)lk_output_probe_free);

  for (guint i = 0; i < paths->len; i++)
    g_ptr_array_add (probes, lk_output_probe (g_ptr_array_index (paths, i)));

  g_task_return_pointer (task, g_steal_pointer (&probes), (GDestroyNotify)g_ptr_array_unref);
}

static void
probed_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  LkOutputStore *self = LK_OUTPUT_STORE (object);
  g_autoptr(GPtrArray) probes = g_task_propagate_pointer (G_TASK (result), NULL);
  gint64 now = g_get_monotonic_time ();

  self->probing = FALSE;

  if (probes == NULL)
    return;     /* cancelled: the store is being disposed */

  for (guint i = 0; i < probes->len; i++)
    handle_probe (self, g_ptr_array_index (probes, i), now);

  if (g_hash_table_size (self->pending) > 0)
    schedule_probe (self, self->probe_again ? 0 : PROBE_INTERVAL_MSEC);
  self->probe_again = FALSE;
}

static gboolean
probe_cb (gpointer user_data)
{
  LkOutputStore *self = user_data;
  g_autoptr(GTask) task = NULL;
  GPtrArray *paths;
  GHashTableIter iter;
  gpointer key;

  self->probe_source = 0;

  if (g_hash_table_size (self->pending) == 0)
    return G_SOURCE_REMOVE;

  paths = g_ptr_array_new_with_free_func (g_free);
  g_hash_table_iter_init (&iter, self->pending);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_ptr_array_add (paths, g_strdup (key));

  self->probing = TRUE;
  task = g_task_new (self, self->cancellable, probed_cb, NULL);
  g_task_set_source_tag (task, probe_cb);
  g_task_set_task_data (task, paths, (GDestroyNotify)g_ptr_array_unref);
  g_task_run_in_thread (task, probe_worker);

  return G_SOURCE_REMOVE;
}

static void
schedule_probe (LkOutputStore *self,
                guint          delay_msec)
{
  if (self->probing)
    {
      /* Once the running probe is back; an urgent file goes next. */
      self->probe_again = self->probe_again || delay_msec == 0;
      return;
    }

  if (self->probe_source != 0)
    {
      if (delay_msec > 0)
        return;
      g_clear_handle_id (&self->probe_source, g_source_remove);
    }

  self->probe_source = g_timeout_add_full (G_PRIORITY_DEFAULT, delay_msec, probe_cb, self, NULL);
}
