/* lk-trigger-set.h
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define LK_TYPE_TRIGGER_SET (lk_trigger_set_get_type ())

G_DECLARE_FINAL_TYPE (LkTriggerSet, lk_trigger_set, LK, TRIGGER_SET, GObject)

/*
 * LkTriggerSet
 *
 * A named set of trigger words of a LoRA lineage ("base", or an outfit).
 *
 * A snapshot of catalog rows with read-only properties, so the UI can bind them; the
 * catalog updates live objects in place and notifies only the properties that changed.
 */

/**
 * lk_trigger_set_get_id:
 * @self: a #LkTriggerSet
 *
 * Returns: the row id
 */
gint64 lk_trigger_set_get_id (LkTriggerSet *self);

/**
 * lk_trigger_set_get_name:
 * @self: a #LkTriggerSet
 *
 * Returns: (transfer none) (nullable): the set name
 */
const char *lk_trigger_set_get_name (LkTriggerSet *self);

/**
 * lk_trigger_set_get_words:
 * @self: a #LkTriggerSet
 *
 * Returns: (transfer none): the trigger words
 */
const char * const *lk_trigger_set_get_words (LkTriggerSet *self);

G_END_DECLS
