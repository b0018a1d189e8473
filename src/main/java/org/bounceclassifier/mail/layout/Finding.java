package org.bounceclassifier.mail.layout;

/**
 * What a layout read about one failed recipient.
 *
 * @param recipient the address, lower case
 * @param diagnostic the notice's words about this recipient: the remote server's reply first when
 *     it quotes one (so that its reply code leads), then the notice's own sentences that matter
 *     (a delay warning, an explanation); the rules read it like any diagnostic
 * @param remoteMta the receiving server the notice names, or null
 */
public record Finding(String recipient, String diagnostic, String remoteMta) {
    /** The same finding with a sentence of the notice after its diagnostic. */
    public Finding withNotice(String sentence) {
        if (sentence == null || sentence.isBlank()) {
            return this;
        }
        return new Finding(recipient, diagnostic == null || diagnostic.isBlank() ? sentence
                : diagnostic + " " + sentence, remoteMta);
    }
}
