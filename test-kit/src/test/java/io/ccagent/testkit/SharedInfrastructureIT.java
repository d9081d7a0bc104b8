package io.ccagent.testkit;

/** The mode every integration test gets: containers where Docker runs, embedded otherwise (or as forced). */
class SharedInfrastructureIT extends InfrastructureContract {

    @Override
    Infrastructure infrastructure() {
        return SharedInfrastructure.get();
    }
}
