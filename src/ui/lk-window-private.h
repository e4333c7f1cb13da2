/* lk-window-private.h
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "lk-catalog-banner.h"
#include "lk-character-sidebar.h"
#include "lk-gallery-view.h"
#include "lk-generate-panel.h"
#include "lk-inspector.h"
#include "lk-jobs-view.h"
#include "lk-review-controller.h"
#include "lk-server-banner.h"
#include "lk-window.h"

G_BEGIN_DECLS

struct _LkWindow
{
  AdwApplicationWindow  parent_instance;

  /* Owned */
  LkCatalogSession     *session;
  GPtrArray            *bindings;
  LkReviewController   *review_controller;
  GSignalGroup         *generator_signals;
  GCancellable         *cancellable;
  GPtrArray            *notification_ids; /* sent while the window was not active */

  /* Template widgets */
  AdwToastOverlay      *toast_overlay;
  AdwWindowTitle       *window_title;
  LkCatalogBanner      *banner;
  LkServerBanner       *server_banner;
  LkGeneratePanel      *generate_panel;
  LkJobsView           *jobs_view;
  GtkWidget            *inspector_column;
  GtkWidget            *jobs_region;
  GtkWidget            *characters_region;
  LkCharacterSidebar   *sidebar;
  GtkWidget            *inspector_region;
  LkInspector          *inspector;
  GtkWidget            *gallery_region;
  LkGalleryView        *gallery_view;
};

/* "Generate Again with These Settings" for the frame at @path: its character is selected and
 * its settings fill the Generate panel (lk-window-again.c). */
void _lk_window_generate_again (LkWindow   *self,
                                const char *path);

G_END_DECLS
