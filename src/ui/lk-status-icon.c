/* lk-status-icon.c
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "lk-status-icon.h"

void
lk_status_icon_show (GtkImage *icon,
                     LkStatus  status)
{
  GtkWidget *widget = GTK_WIDGET (icon);

  g_return_if_fail (GTK_IS_IMAGE (icon));

  gtk_widget_set_visible (widget, status != LK_STATUS_NONE);
  gtk_widget_remove_css_class (widget, "success");
  gtk_widget_remove_css_class (widget, "error");
  if (status == LK_STATUS_NONE)
    return;

  gtk_image_set_from_icon_name (icon, status == LK_STATUS_OK ? "emblem-ok-symbolic"
                                                             : "dialog-error-symbolic");
  gtk_widget_add_css_class (widget, status == LK_STATUS_OK ? "success" : "error");
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  status == LK_STATUS_OK ? _("Passed") : _("Failed"), -1);
}
