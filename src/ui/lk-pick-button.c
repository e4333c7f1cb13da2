/* lk-pick-button.c
 *
 * Copyright 2026 The Lorakeet authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The popover of catalog rows to choose from that the inspector's fixes share ("Assign
 * LoRA", "Pick Template"): the owner queries, this shows and reports the choice. */

#undef G_LOG_DOMAIN
#define G_LOG_DOMAIN "lk-pick-button"

#include "config.h"

#include <glib/gi18n.h>

#include "lk-pick-button.h"

#define MAX_LIST_HEIGHT 320

struct _LkPickButton
{
  AdwBin        parent_instance;

  /* Owned */
  GCancellable *cancellable;   /* the owner's query for the list shown now */

  /* Borrowed: children of the popover */
  GtkPopover   *popover;
  GtkBox       *list;
  GtkWidget    *placeholder; /* the spinner or the message, while there are no choices */
};

G_DEFINE_FINAL_TYPE (LkPickButton, lk_pick_button, ADW_TYPE_BIN)

enum {
  OPENED,
  PICKED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
clear_list (LkPickButton *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))) != NULL)
    gtk_box_remove (self->list, child);
  self->placeholder = NULL;
}

static void
set_placeholder (LkPickButton *self,
                 GtkWidget    *placeholder)
{
  clear_list (self);
  self->placeholder = placeholder;
  gtk_box_append (self->list, placeholder);
}

static void
choice_clicked_cb (GtkButton    *button,
                   LkPickButton *self)
{
  GObject *item = g_object_get_data (G_OBJECT (button), "lk-item");

  g_assert (LK_IS_PICK_BUTTON (self));

  gtk_popover_popdown (self->popover);
  g_signal_emit (self, signals[PICKED], 0, item);
}

static void
popover_shown_cb (LkPickButton *self)
{
  GtkWidget *spinner = gtk_spinner_new ();

  gtk_spinner_set_spinning (GTK_SPINNER (spinner), TRUE);
  gtk_widget_set_margin_top (spinner, 12);
  gtk_widget_set_margin_bottom (spinner, 12);
  gtk_accessible_update_property (GTK_ACCESSIBLE (spinner), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Loading"), -1);
  set_placeholder (self, spinner);

  /* A listing still running for an earlier opening must not add its rows too. */
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  g_signal_emit (self, signals[OPENED], 0, self->cancellable);
}

GtkWidget *
lk_pick_button_new (const char *label,
                    const char *list_name)
{
  LkPickButton *self;
  GtkWidget *button = gtk_menu_button_new ();
  GtkWidget *scrolled = gtk_scrolled_window_new ();

  g_return_val_if_fail (label != NULL, NULL);
  g_return_val_if_fail (list_name != NULL, NULL);

  self = g_object_new (LK_TYPE_PICK_BUTTON, NULL);
  self->popover = GTK_POPOVER (gtk_popover_new ());
  self->list = GTK_BOX (gtk_box_new (GTK_ORIENTATION_VERTICAL, 0));

  gtk_menu_button_set_label (GTK_MENU_BUTTON (button), label);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  list_name, -1);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scrolled), MAX_LIST_HEIGHT);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), GTK_WIDGET (self->list));
  gtk_popover_set_child (self->popover, scrolled);
  gtk_menu_button_set_popover (GTK_MENU_BUTTON (button), GTK_WIDGET (self->popover));

  g_signal_connect_object (self->popover, "show", G_CALLBACK (popover_shown_cb), self,
                           G_CONNECT_SWAPPED);
  adw_bin_set_child (ADW_BIN (self), button);

  return GTK_WIDGET (self);
}

GtkWidget *
lk_pick_button_add_choice (LkPickButton *self,
                           const char   *title,
                           const char   *subtitle,
                           GObject      *item)
{
  GtkWidget *button;
  GtkWidget *box;
  GtkWidget *name;

  g_return_val_if_fail (LK_IS_PICK_BUTTON (self), NULL);
  g_return_val_if_fail (title != NULL, NULL);
  g_return_val_if_fail (G_IS_OBJECT (item), NULL);

  if (self->placeholder != NULL)
    clear_list (self);

  button = gtk_button_new ();
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  name = gtk_label_new (title);
  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_box_append (GTK_BOX (box), name);
  if (subtitle != NULL)
    {
      GtkWidget *second = gtk_label_new (subtitle);

      gtk_label_set_xalign (GTK_LABEL (second), 0);
      gtk_label_set_ellipsize (GTK_LABEL (second), PANGO_ELLIPSIZE_MIDDLE);
      gtk_label_set_max_width_chars (GTK_LABEL (second), 48);
      gtk_widget_add_css_class (second, "dim-label");
      gtk_widget_add_css_class (second, "caption");
      gtk_box_append (GTK_BOX (box), second);
    }
  gtk_button_set_child (GTK_BUTTON (button), box);
  gtk_widget_add_css_class (button, "flat");
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, title,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, subtitle ? subtitle : "",
                                  -1);
  g_object_set_data_full (G_OBJECT (button), "lk-item", g_object_ref (item), g_object_unref);
  g_signal_connect_object (button, "clicked", G_CALLBACK (choice_clicked_cb), self, 0);
  gtk_box_append (self->list, button);

  return button;
}

void
lk_pick_button_show_message (LkPickButton *self,
                             const char   *message)
{
  GtkWidget *label;

  g_return_if_fail (LK_IS_PICK_BUTTON (self));
  g_return_if_fail (message != NULL);

  label = gtk_label_new (message);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 40);
  set_placeholder (self, label);
}

void
lk_pick_button_show_error (LkPickButton *self,
                           const char   *heading,
                           const char   *message)
{
  GtkRoot *root;
  GtkWidget *dialog;

  g_return_if_fail (LK_IS_PICK_BUTTON (self));
  g_return_if_fail (heading != NULL);

  root = gtk_widget_get_root (GTK_WIDGET (self));
  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, heading,
                                   message);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
lk_pick_button_dispose (GObject *object)
{
  LkPickButton *self = LK_PICK_BUTTON (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->popover = NULL;
  self->list = NULL;
  self->placeholder = NULL;

  G_OBJECT_CLASS (lk_pick_button_parent_class)->dispose (object);
}

static void
lk_pick_button_class_init (LkPickButtonClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = lk_pick_button_dispose;

  /**
   * LkPickButton::opened:
   * @self: the button
   * @cancellable: pass it to the query that fills the list; it is cancelled when the
   *   popover opens again or the button goes away
   *
   * The popover opened: fill it with lk_pick_button_add_choice().
   */
  signals[OPENED] =
    g_signal_new ("opened", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_CANCELLABLE);

  /**
   * LkPickButton::picked:
   * @self: the button
   * @item: the object given with the chosen choice
   *
   * The artist chose @item; the popover is closed.
   */
  signals[PICKED] =
    g_signal_new ("picked", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_OBJECT);
}

static void
lk_pick_button_init (LkPickButton *self)
{
}
