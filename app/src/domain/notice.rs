//! Notifications (DOMAIN.md, "Notifications"): what each role can hear about, what it hears
//! by default, and the page a notification opens. A notification never says more than that
//! there is an update: lock screens are public.

use super::role::Role;
use serde::{Deserialize, Serialize};

/// How long a device name may be ("Firefox on Android").
pub const DEVICE_MAX: usize = 60;
/// Devices one person may register.
pub const DEVICES_MAX: usize = 10;
/// Push services give endpoints of a few hundred characters; anything longer is not one.
pub const ENDPOINT_MAX: usize = 1000;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Notice {
    /// Key worker: a new self-rating asks for more help or drops 2+ points on a DIALOG item.
    HelpAsked,
    /// Key worker: the person asked for a review.
    ReviewRequested,
    /// Key worker: the person changed their plan or who it is shared with.
    PlanChanged,
    /// Carer: an action was given to or shared with them.
    ActionShared,
    /// Carer, and the person if they chose it: an action's due date is tomorrow or today.
    ActionDue,
    /// The person: the key worker agreed a new version of the plan, waiting for theirs.
    PlanToAgree,
    /// The person, if they chose it: no DIALOG rating for 30 days.
    RateReminder,
}

impl Notice {
    pub const ALL: [Notice; 7] = [
        Notice::HelpAsked,
        Notice::ReviewRequested,
        Notice::PlanChanged,
        Notice::ActionShared,
        Notice::ActionDue,
        Notice::PlanToAgree,
        Notice::RateReminder,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::HelpAsked => "help_asked",
            Self::ReviewRequested => "review_requested",
            Self::PlanChanged => "plan_changed",
            Self::ActionShared => "action_shared",
            Self::ActionDue => "action_due",
            Self::PlanToAgree => "plan_to_agree",
            Self::RateReminder => "rate_reminder",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|n| n.as_str() == s)
    }

    /// The kinds someone with `role` can choose from, in the order the settings page lists them.
    pub fn for_role(role: Role) -> &'static [Notice] {
        match role {
            Role::KeyWorker => &[Self::HelpAsked, Self::ReviewRequested, Self::PlanChanged],
            Role::Carer => &[Self::ActionShared, Self::ActionDue],
            Role::ServiceUser => &[Self::PlanToAgree, Self::ActionDue, Self::RateReminder],
            Role::TeamAdmin => &[],
        }
    }

    /// Whether someone gets this kind before choosing. Reminders to the person are theirs to
    /// ask for; what others need to act on is on until they turn it off.
    pub fn wanted_by_default(self, role: Role) -> bool {
        match (self, role) {
            (Self::RateReminder | Self::ActionDue, Role::ServiceUser) => false,
            _ => Self::for_role(role).contains(&self),
        }
    }

    /// The page a click on the notification opens (a path of the app).
    pub fn page(self, plan_id: i64) -> String {
        match self {
            Self::HelpAsked => format!("/plans/{plan_id}/ratings"),
            Self::ReviewRequested | Self::PlanToAgree => format!("/plans/{plan_id}/review"),
            Self::PlanChanged => format!("/plans/{plan_id}"),
            Self::ActionShared | Self::ActionDue => format!("/plans/{plan_id}/actions"),
            Self::RateReminder => format!("/plans/{plan_id}/rate/dialog"),
        }
    }
}

/// The choice of kinds as the settings form sends it: the ticked kinds. Kinds the role cannot
/// have are refused rather than ignored, so a forged form changes nothing.
pub fn parse_choices(role: Role, ticked: &[String]) -> Option<Vec<(Notice, bool)>> {
    let ticked: Vec<Notice> = ticked.iter().map(|s| Notice::parse(s)).collect::<Option<_>>()?;
    let options = Notice::for_role(role);
    if ticked.iter().any(|n| !options.contains(n)) {
        return None;
    }
    Some(options.iter().map(|n| (*n, ticked.contains(n))).collect())
}

/// A browser's push subscription, checked before it is stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Subscription {
    pub endpoint: String,
    /// The browser's P-256 public key (65 bytes uncompressed), base64url.
    pub p256dh: String,
    /// The browser's 16-byte auth secret, base64url.
    pub auth: String,
}

fn base64url_len(s: &str) -> Option<usize> {
    let s = s.trim_end_matches('=');
    if s.is_empty() || !s.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_') {
        return None;
    }
    // Four characters carry three bytes; a remainder of one character carries nothing.
    match s.len() % 4 {
        1 => None,
        r => Some(s.len() / 4 * 3 + r.saturating_sub(1)),
    }
}

impl Subscription {
    /// `None` unless the endpoint is an https URL of one of the push services the deployment
    /// trusts (`allowed` origins) and the keys have the sizes RFC 8291 gives. The allow-list
    /// keeps the server from posting to an address someone typed in.
    pub fn parse(endpoint: &str, p256dh: &str, auth: &str, allowed: &[String]) -> Option<Self> {
        let endpoint = endpoint.trim();
        let trusted = allowed.iter().any(|origin| {
            endpoint.strip_prefix(origin.as_str()).is_some_and(|rest| rest.starts_with('/') && rest.len() > 1)
        });
        let keys_fit = base64url_len(p256dh) == Some(65) && base64url_len(auth) == Some(16);
        (trusted && endpoint.len() <= ENDPOINT_MAX && keys_fit && !endpoint.chars().any(char::is_whitespace))
            .then(|| Self { endpoint: endpoint.into(), p256dh: p256dh.trim().into(), auth: auth.trim().into() })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const KEY: &str = "BNcRdreALRFXTkOOUHK1EtK2wtaz5Ry4YfYCA_0QTpQtUbVlUls0VJXg7A8u-Ts1XbjhazAkj7I99e8QcYP7DkM";
    const AUTH: &str = "tBHItJI5svbpez7KI4CCXg";

    #[test]
    fn every_kind_reads_back_and_belongs_to_a_role() {
        for notice in Notice::ALL {
            assert_eq!(Notice::parse(notice.as_str()), Some(notice));
            assert!(Role::ALL.iter().any(|r| Notice::for_role(*r).contains(&notice)), "{notice:?}");
        }
        assert!(Notice::for_role(Role::TeamAdmin).is_empty());
    }

    #[test]
    fn reminders_are_chosen_and_what_others_act_on_is_on() {
        assert!(!Notice::RateReminder.wanted_by_default(Role::ServiceUser));
        assert!(!Notice::ActionDue.wanted_by_default(Role::ServiceUser));
        assert!(Notice::ActionDue.wanted_by_default(Role::Carer));
        assert!(Notice::HelpAsked.wanted_by_default(Role::KeyWorker));
        assert!(!Notice::HelpAsked.wanted_by_default(Role::Carer), "not a carer's kind");
    }

    #[test]
    fn choices_name_only_the_roles_kinds() {
        let chosen = parse_choices(Role::Carer, &["action_due".into()]).unwrap();
        assert_eq!(chosen, vec![(Notice::ActionShared, false), (Notice::ActionDue, true)]);
        assert_eq!(parse_choices(Role::Carer, &["help_asked".into()]), None);
        assert_eq!(parse_choices(Role::Carer, &["nonsense".into()]), None);
        assert_eq!(parse_choices(Role::KeyWorker, &[]).unwrap().len(), 3);
    }

    #[test]
    fn a_subscription_must_come_from_a_trusted_push_service_with_real_keys() {
        let allowed = vec!["https://fcm.googleapis.com".to_string()];
        let ok = Subscription::parse("https://fcm.googleapis.com/fcm/send/abc", KEY, AUTH, &allowed);
        assert!(ok.is_some());
        for endpoint in [
            "https://fcm.googleapis.com.evil.example/x",
            "https://fcm.googleapis.com/",
            "http://169.254.169.254/latest",
            "https://fcm.googleapis.com/a b",
        ] {
            assert_eq!(Subscription::parse(endpoint, KEY, AUTH, &allowed), None, "{endpoint}");
        }
        let long = format!("https://fcm.googleapis.com/{}", "a".repeat(ENDPOINT_MAX));
        assert_eq!(Subscription::parse(&long, KEY, AUTH, &allowed), None);
        assert_eq!(Subscription::parse("https://fcm.googleapis.com/x", &KEY[1..], AUTH, &allowed), None);
        assert_eq!(Subscription::parse("https://fcm.googleapis.com/x", KEY, "short", &allowed), None);
        assert_eq!(Subscription::parse("https://fcm.googleapis.com/x", KEY, "tBHItJI5svbpez7K+4CCXg", &allowed), None);
    }
}
