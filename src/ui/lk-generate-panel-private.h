/* lk-generate-panel-private.h
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "lk-generate-panel.h"

G_BEGIN_DECLS

struct _LkGeneratePanel
{
  GtkWidget         parent_instance;

  /* Owned */
  LkGenerator      *generator;
  LkCatalogSession *session;
  LkCharacter      *character;
  GCancellable     *check_cancellable;
  GCancellable     *generate_cancellable;
  guint             recheck_source;   /* a recheck after catalog changes, once per burst */
  char             *blocker;
  char             *check_blocker;
  char             *server_url;

  /* Template widgets */
  GtkTextView      *prompt_view;
  GtkTextView      *negative_view;
  GtkSwitch        *seed_switch;
  GtkSpinButton    *seed_spin;
  GtkSpinButton    *count_spin;
  GtkSpinButton    *strength_spin;
  GtkDropDown      *server_dropdown;
  GtkStringList    *server_list;
  GtkLabel         *status_label;

  guint             checking : 1;
  guint             sending : 1;
};

/* The generator's servers, %NULL without a generator. */
LkServerPool *_lk_generate_panel_get_pool      (LkGeneratePanel *self);

/* The first reason that stands (transfer full), %NULL when the request can be sent. */
char         *_lk_generate_panel_find_blocker  (LkGeneratePanel *self);

/* Runs the generator's checks again for what is selected now; an older run is cancelled. */
void          _lk_generate_panel_recheck       (LkGeneratePanel *self);

/* Shows the current blocker and enables Generate accordingly, notifying what changed. */
void          _lk_generate_panel_update        (LkGeneratePanel *self);

G_END_DECLS
