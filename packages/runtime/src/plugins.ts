import type { ApolloServerPlugin } from '@apollo/server';
import { isClientError, isOperationalError } from './errors';
import type { Logger } from './logger';

/** Logs every error a client did not cause, with the request id the client also sees. */
export function errorLogging(log: Logger): ApolloServerPlugin<{ requestId?: string }> {
  return {
    async requestDidStart() {
      return {
        async didEncounterErrors({ errors, contextValue, operationName }) {
          for (const error of errors) {
            if (isClientError(error)) continue;
            // a part of the graph that did not answer: a warning naming it, not an error with a stack
            if (isOperationalError(error)) {
              log.warn(
                { service: error.extensions?.service, path: error.path, operationName, requestId: contextValue.requestId },
                error.message,
              );
              continue;
            }
            log.error(
              {
                err: error.originalError ?? error,
                path: error.path,
                // the subgraph that raised it, when the gateway passes it on: clients no longer see it (maskInternalErrors)
                serviceName: error.extensions?.serviceName,
                operationName,
                requestId: contextValue.requestId,
              },
              error.message,
            );
          }
        },
      };
    },
  };
}

/** Puts the request id on every error a client receives, so a report can be matched to the log. */
export function requestIdOnErrors(): ApolloServerPlugin<{ requestId?: string }> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response, contextValue }) {
          if (response.body.kind !== 'single' || !contextValue.requestId) return;
          const errors = response.body.singleResult.errors;
          if (errors)
            response.body.singleResult.errors = errors.map((e) => ({
              ...e,
              extensions: { ...e.extensions, requestId: contextValue.requestId },
            }));
        },
      };
    },
  };
}
