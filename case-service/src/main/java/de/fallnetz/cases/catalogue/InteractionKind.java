package de.fallnetz.cases.catalogue;

import java.util.Arrays;
import java.util.Optional;

/**
 * The interaction kinds the catalogue may name (domain §1), each with the partner organisation addressed. One
 * interaction service answers each kind.
 */
public enum InteractionKind {
    /** BA consent to employment, §39 AufenthG with §36(2) BeschV (domain §1.1). */
    BA_CONSENT("ba-zav"),
    /** BA pre-approval (Vorabzustimmung), §36(3) BeschV (domain §1.1). */
    BA_PRE_APPROVAL("ba-zav"),
    /** Security consultation, §73 AufenthG (domain §1.5). */
    SECURITY_CHECK("bva-security"),
    /** Recognition of qualifications, BQFG / ZAB (domain §1.3). */
    RECOGNITION("zab"),
    /** Integration-course entitlement or obligation sent to BAMF, §§44, 44a AufenthG (domain §1.7). */
    INTEGRATION_COURSE("bamf-integration"),
    /** Registration office, §72 AufenthV / §90a AufenthG (domain §1.8). */
    REGISTRATION_OFFICE("meldebehoerde"),
    /** File request between offices on a move (domain §2.8). */
    OFFICE_TRANSFER("abh-transfer"),
    /** Welcome Center / Business Immigration Service (domain §5). */
    WELCOME_CENTER("welcome-center"),
    /** Social benefit agencies, §§87, 88, 90 AufenthG (domain §1.9). */
    SOCIAL_BENEFITS("sozialamt"),
    /** Hand-off to a relocation agency acting under power of attorney (domain §5). */
    RELOCATION_HANDOFF("relocation-agency");

    private final String partnerOrganisation;

    InteractionKind(String partnerOrganisation) {
        this.partnerOrganisation = partnerOrganisation;
    }

    public String partnerOrganisation() {
        return partnerOrganisation;
    }

    public static Optional<InteractionKind> of(String name) {
        return Arrays.stream(values()).filter(k -> k.name().equals(name)).findFirst();
    }
}
