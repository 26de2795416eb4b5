/**
 * Every message the site sends, as pure functions of ids and links. A mailbox or a chat channel
 * may be read by others: no message carries post text, a thread title or a handle, and the
 * community's name only when the operator turned MAIL_SHOW_COMMUNITY on.
 */
export interface MailMessage {
  subject: string
  text: string
}

const signOff = '\n\n— Alongside\n'

export function urgentAlertMessage(link: string): MailMessage {
  return {
    subject: 'An urgent post needs a moderator on Alongside',
    text:
      `A post in a community you moderate may come from someone in crisis, and ` +
      `nobody has claimed it yet.\n\nOpen it in the review queue: ${link}${signOff}`,
  }
}

export function escalationMessage(link: string): MailMessage {
  return {
    subject: 'An urgent post is still waiting for a moderator on Alongside',
    text: `An urgent item has not been claimed within its community's time limit.\n\nOpen it in the review queue: ${link}${signOff}`,
  }
}

export function passwordResetMessage(link: string, minutes: number): MailMessage {
  return {
    subject: 'Reset your Alongside password',
    text:
      `Someone asked to reset the password of the Alongside account with this ` +
      `address.\n\nTo choose a new password, open this link within ${minutes} minutes: ` +
      `${link}\n\nIf this was not you, ignore this e-mail: your password stays as it is.${signOff}`,
  }
}

export function verifyEmailMessage(link: string): MailMessage {
  return {
    subject: 'Confirm your e-mail address for Alongside',
    text: `To confirm that this address is yours, open: ${link}\n\nIf you did not ask for this, ignore this e-mail.${signOff}`,
  }
}

export function emailChangedNoticeMessage(): MailMessage {
  return {
    subject: 'The e-mail address of your Alongside account was changed',
    text:
      `The e-mail address of the Alongside account that used this address has been ` +
      `changed.\n\nIf this was not you, reset your password and contact the site's team.${signOff}`,
  }
}

export function passwordChangedNoticeMessage(): MailMessage {
  return {
    subject: 'Your Alongside password was changed',
    text:
      `The password of your Alongside account was just changed, and every other ` +
      `session was signed out.\n\nIf this was not you, reset your password now.${signOff}`,
  }
}

export function replyMessage(link: string, community?: string): MailMessage {
  return {
    subject: 'You have a new reply on Alongside',
    text: `Someone replied to you${community ? ` in ${community}` : ''}.\n\nRead it: ${link}${signOff}`,
  }
}

export function checkInMessage(link: string): MailMessage {
  return {
    subject: 'A moderator wrote to you on Alongside',
    text: `A moderator sent you a private message.\n\nRead it: ${link}${signOff}`,
  }
}

export function digestMessage(link: string, count: number, period: 'daily' | 'weekly'): MailMessage {
  return {
    subject: `Your ${period} Alongside summary`,
    text: `You have ${count} new ${count === 1 ? 'notification' : 'notifications'} on Alongside.\n\nSee them: ${link}${signOff}`,
  }
}

/** A member's own check-in reminder: a link only, never a score (the mailbox may be shared). */
export function outcomeReminderMessage(link: string): MailMessage {
  return {
    subject: 'Your Alongside check-in is ready when you are',
    text:
      `You asked for a reminder when your check-in is due. It takes a couple of ` +
      `minutes, and you can skip or pause it any time.\n\nOpen it: ${link}\n\nTo ` +
      `stop these reminders, untick "remind me by e-mail" on that page.${signOff}`,
  }
}

export type Template =
  | { name: 'urgent_alert'; path: string }
  | { name: 'escalation'; path: string }
  | { name: 'password_reset'; path: string; minutes: number }
  | { name: 'verify_email'; path: string }
  | { name: 'email_changed' }
  | { name: 'password_changed' }
  | { name: 'reply'; path: string; community?: string }
  | { name: 'check_in'; path: string }
  | { name: 'digest'; path: string; count: number; period: 'daily' | 'weekly' }
  | { name: 'outcome_reminder'; path: string }
  | { name: 'test'; subject: string; text: string }

/**
 * A stored message as it is sent: links made absolute with the site's address at send time (a
 * row written before PUBLIC_URL changed still links to the right place).
 */
export function renderTemplate(t: Template, publicUrl: string, opts: { showCommunity: boolean }): MailMessage {
  const url = (path: string) => `${publicUrl}${path}`
  switch (t.name) {
    case 'urgent_alert':
      return urgentAlertMessage(url(t.path))
    case 'escalation':
      return escalationMessage(url(t.path))
    case 'password_reset':
      return passwordResetMessage(url(t.path), t.minutes)
    case 'verify_email':
      return verifyEmailMessage(url(t.path))
    case 'email_changed':
      return emailChangedNoticeMessage()
    case 'password_changed':
      return passwordChangedNoticeMessage()
    case 'reply':
      return replyMessage(url(t.path), opts.showCommunity ? t.community : undefined)
    case 'check_in':
      return checkInMessage(url(t.path))
    case 'digest':
      return digestMessage(url(t.path), t.count, t.period)
    case 'outcome_reminder':
      return outcomeReminderMessage(url(t.path))
    case 'test':
      return { subject: t.subject, text: t.text }
  }
}
