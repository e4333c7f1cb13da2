/* lk-project.h
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define LK_TYPE_PROJECT (lk_project_get_type ())

G_DECLARE_FINAL_TYPE (LkProject, lk_project, LK, PROJECT, GObject)

/*
 * LkProject
 *
 * A studio project, with the generation profile it uses.
 *
 * A snapshot of catalog rows with read-only properties, so the UI can bind them; the
 * catalog updates live objects in place and notifies only the properties that changed.
 */

/**
 * lk_project_get_id:
 * @self: a #LkProject
 *
 * Returns: the row id
 */
gint64 lk_project_get_id (LkProject *self);

/**
 * lk_project_get_name:
 * @self: a #LkProject
 *
 * Returns: (transfer none) (nullable): the project name
 */
const char *lk_project_get_name (LkProject *self);

/**
 * lk_project_get_profile_id:
 * @self: a #LkProject
 *
 * Returns: the id of the project's generation profile, 0 when it has none
 */
gint64 lk_project_get_profile_id (LkProject *self);

/**
 * lk_project_get_profile_name:
 * @self: a #LkProject
 *
 * Returns: (transfer none) (nullable): the name of the project's generation profile
 */
const char *lk_project_get_profile_name (LkProject *self);

G_END_DECLS
