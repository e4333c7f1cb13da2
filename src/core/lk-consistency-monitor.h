/* lk-consistency-monitor.h
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "lk-generator.h"

G_BEGIN_DECLS

#define LK_TYPE_CONSISTENCY_MONITOR (lk_consistency_monitor_get_type ())

G_DECLARE_FINAL_TYPE (LkConsistencyMonitor, lk_consistency_monitor, LK, CONSISTENCY_MONITOR,
                      GObject)

/**
 * lk_consistency_monitor_new:
 * @generator: the generator whose frames to score
 *
 * Scores every still image @generator's jobs produce as soon as it is both in the catalog
 * (#LkGenerator::outputs-recorded) and on this machine, against the stored signature of the
 * job's character (see lk_consistency_refresh_async()), and stores the score where
 * `lorakeet-cli consistency` stores it. Each character's signature is read from the catalog
 * once and read again when the catalog reports that signatures changed. Files are read and
 * decoded on a worker thread. A character without a stored signature has its frames left
 * unscored; a frame that cannot be read is skipped with a debug message.
 *
 * Returns: (transfer full): a new #LkConsistencyMonitor
 */
LkConsistencyMonitor *lk_consistency_monitor_new           (LkGenerator          *generator);

/**
 * lk_consistency_monitor_get_generator:
 * @self: a #LkConsistencyMonitor
 *
 * Returns: (transfer none): the generator whose frames are scored
 */
LkGenerator          *lk_consistency_monitor_get_generator (LkConsistencyMonitor *self);

/**
 * lk_consistency_monitor_get_n_pending:
 * @self: a #LkConsistencyMonitor
 *
 * How many frames are being scored or stored; a "notify::n-pending" tells when it changes,
 * so that a caller can wait until the monitor is idle.
 *
 * Returns: the number of frames not yet scored and stored
 */
guint                 lk_consistency_monitor_get_n_pending (LkConsistencyMonitor *self);

G_END_DECLS
