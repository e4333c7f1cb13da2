/* lk-profile.h
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define LK_TYPE_PROFILE (lk_profile_get_type ())

G_DECLARE_FINAL_TYPE (LkProfile, lk_profile, LK, PROFILE, GObject)

/*
 * LkProfile
 *
 * A generation profile: checkpoint, workflow template.
 *
 * A snapshot of catalog rows with read-only properties, so the UI can bind them; the
 * catalog updates live objects in place and notifies only the properties that changed.
 */

/**
 * lk_profile_get_id:
 * @self: a #LkProfile
 *
 * Returns: the row id
 */
gint64 lk_profile_get_id (LkProfile *self);

/**
 * lk_profile_get_name:
 * @self: a #LkProfile
 *
 * Returns: (transfer none) (nullable): the profile name, e.g. tokyo_debt_realism
 */
const char *lk_profile_get_name (LkProfile *self);

/**
 * lk_profile_get_checkpoint_id:
 * @self: a #LkProfile
 *
 * Returns: the checkpoint model id, 0 when none
 */
gint64 lk_profile_get_checkpoint_id (LkProfile *self);

/**
 * lk_profile_get_template_id:
 * @self: a #LkProfile
 *
 * Returns: the workflow template id, 0 when none
 */
gint64 lk_profile_get_template_id (LkProfile *self);

/**
 * lk_profile_get_legacy_lora_id:
 * @self: a #LkProfile
 *
 * Returns: the LoRA the studio hung on the profile (never used for generation), 0 when none
 */
gint64 lk_profile_get_legacy_lora_id (LkProfile *self);

G_END_DECLS
