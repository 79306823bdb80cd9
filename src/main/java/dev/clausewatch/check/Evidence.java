package dev.clausewatch.check;

import java.util.List;

/**
 * Why a provision may apply to a use, as numbers and words: how close in meaning the two are
 * (cosine of their embeddings) and how much closer than the other provisions read for the same
 * use (in standard deviations: embeddings of short texts are close to everything, so the rank
 * says more than the value), how strongly they share a topic (the lesser of the two confidences on
 * the best shared topic), the share of the use's rare words the provision has, and whether the
 * provision binds anyone (a prohibition, condition or platform right rather than information).
 */
public record Evidence(double meaning, double standing, double topic, double words, boolean binding, List<String> sharedTopics,
                       List<String> sharedWords) {
    public Evidence {
        sharedTopics = List.copyOf(sharedTopics);
        sharedWords = List.copyOf(sharedWords);
    }

    /**
     * Whether anything but words connects them: a provision that shares only a word or two with the
     * use and is neither close in meaning nor on its topic is never an answer.
     */
    public boolean connected(Weights weights) {
        return meaning >= weights.leastMeaning() || topic > 0;
    }

    /** The features in the order of {@link Weights#coefficients()}, the first being the constant. */
    double[] features() {
        return new double[] {1, meaning, standing, topic, words, binding ? 1 : 0};
    }
}
