package io.ccagent.gateway;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class TelephonyGatewayApplication {

    public static void main(String[] args) {
        SpringApplication.run(TelephonyGatewayApplication.class, args);
    }
}
