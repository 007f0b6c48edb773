package org.ticketpipeline.system;

import java.time.Instant;

/** A release as the tests register it: a brief predicting export trouble, and a complete, signed CS handoff. */
final class SignedRelease {

    private SignedRelease() {
    }

    static String json(String releaseId, String product, String version, Instant releasedAt) {
        return """
                {"releaseId": "%s", "product": "%s", "version": "%s", "releasedAt": "%s",
                 "brief": {"summary": "Streaming export", "predictedThemes": [
                   {"theme": "csv export times out", "strength": "medium"}, {"theme": "invoice totals wrong", "strength": "low"}]},
                 "handoff": {"knownIssues": "Large exports take longer", "workarounds": "Macro EXPORT-SPLIT", "customerComms": "In-app note",
                   "escalateTo": "reporting on-call", "tier1Answers": [{"question": "Why is export slower?", "answer": "It streams now."}],
                   "signatures": [{"role": "cs_lead", "name": "Ana"}, {"role": "product_owner", "name": "Ben"},
                                  {"role": "designer", "name": "Chi"}, {"role": "tech_lead", "name": "Dev"}]}}
                """.formatted(releaseId, product, version, releasedAt);
    }
}
