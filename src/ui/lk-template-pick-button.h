/* lk-template-pick-button.h
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "lk-catalog.h"

G_BEGIN_DECLS

#define LK_TYPE_TEMPLATE_PICK_BUTTON (lk_template_pick_button_get_type ())

G_DECLARE_FINAL_TYPE (LkTemplatePickButton, lk_template_pick_button, LK, TEMPLATE_PICK_BUTTON,
                      AdwBin)

/**
 * lk_template_pick_button_new:
 * @catalog: the catalog to list templates from and to change the profile in
 * @profile_id: the generation profile to give a template
 *
 * A "Pick Template" button whose popover lists the catalog's workflow templates by name,
 * each saying whether it makes images or videos (read when it opens; a template that cannot
 * be used says why and cannot be chosen). Choosing one makes it the profile's template and
 * emits #LkTemplatePickButton::template-set. A refusal is shown in a dialog.
 *
 * Returns: (transfer full): a new #LkTemplatePickButton
 */
GtkWidget *lk_template_pick_button_new (LkCatalog *catalog,
                                        gint64     profile_id);

G_END_DECLS
