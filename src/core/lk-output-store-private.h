/* lk-output-store-private.h
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "lk-output-scanner.h"
#include "lk-output-store.h"

G_BEGIN_DECLS

struct _LkOutputStore
{
  GObject       parent_instance;

  /* Owned */
  char         *directory;
  GPtrArray    *items;            /* LkOutputItem, sorted with lk_output_item_compare() */
  GHashTable   *by_path;          /* path (borrowed from the item) → LkOutputItem (borrowed) */
  GHashTable   *monitors;         /* folder path → GFileMonitor */
  GHashTable   *pending;          /* path → PendingFile: files waiting to be complete */
  GHashTable   *queued_adds;      /* path (borrowed from the item) → LkOutputItem */
  GHashTable   *queued_removals;  /* path set */
  GPtrArray    *problems;         /* sentences for the artist */
  GAsyncQueue  *scan_batches;     /* LkOutputBatch from scanning threads */
  GCancellable *cancellable;
  guint         flush_source;
  guint         probe_source;
  guint         max_monitors;
  guint         n_scans;

  guint         loading : 1;
  guint         load_started : 1;
  guint         probing : 1;
  guint         probe_again : 1;
  guint         monitor_limit_reported : 1;
};

typedef struct
{
  gint64   mtime;
  goffset  size;
  gint64   stable_since;
  guint    seen : 1;
  guint    hinted : 1;
  guint    known_complete : 1;
} PendingFile;

/* lk-output-store-merge.c */
guint    _lk_output_store_find_index       (LkOutputStore *self,
                                            LkOutputItem  *item);
gboolean _lk_output_store_apply_changes    (LkOutputStore *self,
                                            GPtrArray     *adds,
                                            GPtrArray     *removals);

/* lk-output-store.c */
gboolean _lk_output_store_is_below        (const char    *directory,
                                            const char    *path);
void     _lk_output_store_add_problem      (LkOutputStore *self,
                                            const char    *problem);
void     _lk_output_store_queue_add        (LkOutputStore *self,
                                            LkOutputItem  *item);
void     _lk_output_store_queue_remove     (LkOutputStore *self,
                                            const char    *path);
void     _lk_output_store_remove_subtree   (LkOutputStore *self,
                                            const char    *directory);
void     _lk_output_store_scan_subtree     (LkOutputStore *self,
                                            const char    *directory);

/* lk-output-store-monitor.c */
void     _lk_output_store_watch            (LkOutputStore *self,
                                            const char    *directory);
void     _lk_output_store_unwatch_subtree  (LkOutputStore *self,
                                            const char    *directory);
void     _lk_output_store_pend             (LkOutputStore *self,
                                            const char    *path,
                                            gboolean       hinted,
                                            gboolean       known_complete);
void     _lk_output_store_stop_monitoring  (LkOutputStore *self);

G_END_DECLS
