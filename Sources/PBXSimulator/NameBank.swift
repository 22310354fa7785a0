/// Names for generated accounts. Compiled in (not a resource file) so the
/// simulator runs from a lone binary, as `switchboard --demo` must. The mix
/// is deliberate: accents, a combining mark, non-Latin scripts and
/// double-width characters all appear on real boards.
enum NameBank {
    static let firstNames = [
        "Ana", "Anatole", "Diana", "Joanna", "Marcus", "Priya", "Zoë", "José", "Søren", "Łukasz",
        "Chloé", "Björn", "Renée", "François", "Núria", "Ahmed", "Mei", "Olga", "Kwame", "Ingrid",
        "Tomás", "Aoife", "Dmitri", "Fatima", "Hiroshi", "Leilani", "Mateo", "Noor", "Oskar", "Sinéad",
        "Yusuf", "Elena", "Grace", "Henrik", "Isabel", "Jamal", "Katarzyna", "Liam", "Maya", "Nikolai",
    ]
    static let lastNames = [
        "Lima", "Brun", "Ross", "Park", "Okafor", "Raman", "Müller", "García", "Andersen", "Wójcik",
        "Dubois", "Lindqvist", "Lefèvre", "Puig", "Haddad", "Chen", "Ivanova", "Mensah", "Berg", "Ó Briain",
        "Navarro", "Kowalski", "Nakamura", "Kealoha", "Rossi", "Sato", "Fischer", "Nguyễn", "Papadopoulos", "O'Neill",
    ]
    /// Whole names in other scripts, used now and then.
    static let wholeNames = ["李娜", "Ελένη Παππά", "Дмитрий Орлов", "山田 太郎", "Zoe\u{0308} Weiß"]
    /// Names a terminal must not interpret: escape sequences, a bell, a C1
    /// control, a bidi override. The board must show them inert.
    static let hostileNames = [
        "Eve \u{1B}[31mRed\u{1B}[0m", "Mallory\u{202E}gnp.exe", "Bell\u{07}Ringer", "Oscar \u{1B}]0;pwned\u{07}",
        "C1 \u{9B}2J Clear",
    ]
    static let customTags = ["", "", "", "sales", "support", "VIP", "billing"]
    static let callerNames = [
        "Jane Doe", "Acme Supplies", "Dr. Patel", "City Clinic", "Bob Smith", "Wireless Caller",
        "Northwind Ltd", "María López", "Unknown", "Contoso Billing",
    ]
    static let queueNames = ["Front Desk", "Support", "Billing", "Sales", "Scheduling", "Emergencies"]
    static let bridgeNames = ["All Hands", "Team Huddle", "Board Room", "Partners"]
}
