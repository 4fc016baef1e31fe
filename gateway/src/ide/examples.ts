/** The operations the IDE opens with; the first is the program office's first question. */
export const FIRST_QUERY = `query AuxiliaryBasesWithLatestAssessment {
  brand(name: "天府数智工匠") {
    name
    bases(tier: AUXILIARY) {
      name
      city { name }
      operator { name }
      latestAssessment { year qualityScore trustScore result }
    }
  }
}`;

export const TRAINING_PROGRESS_QUERY = `query TrainingProgressOfThePublicBrands {
  brands(level: PUBLIC_BRAND) {
    name
    trainingTarget { personTimes deadline }
    trainingProgress {
      personTimes
      ratio
      byYear { year personTimes }
      byCity { city { name } personTimes }
    }
  }
}`;

export const MAIN_BASES_QUERY = `query MainBasesAndInstitutionsOfABrand {
  brand(code: "SICHUAN_CHEF") {
    name
    subBrands { code name }
    bases(tier: MAIN) {
      name
      status
      city { name }
      operator { name kind creditCode }
      assessments { year result qualityScore trustScore publicScore }
    }
    institutions(service: TRAINING) { name services city { name } }
  }
}`;

export const IDE_EXAMPLES = [FIRST_QUERY, TRAINING_PROGRESS_QUERY, MAIN_BASES_QUERY];
